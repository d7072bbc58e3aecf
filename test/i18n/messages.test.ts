// The Chinese interface is complete: every English key has a Simplified Chinese string with the
// same {placeholders}, nothing extra, nothing left in English by mistake.
import { describe, expect, test } from 'vitest';
import { en } from '../../src/lib/i18n/en.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Keys whose Chinese text may equal the English one (names, codes and bare placeholders). */
const SAME_IN_BOTH = new Set(['app.name', 'series.dso', 'unit.money']);

describe('zh-CN messages', () => {
  const enKeys = Object.keys(en) as (keyof typeof en)[];

  test('every English key has a Chinese string', () => {
    const missing = enKeys.filter((k) => typeof zhCN[k] !== 'string' || zhCN[k]!.trim() === '');
    expect(missing, `add these keys to src/lib/i18n/zh-CN.ts`).toEqual([]);
  });

  test('no Chinese key is unknown in English', () => {
    const extra = Object.keys(zhCN).filter((k) => !(k in en));
    expect(extra).toEqual([]);
  });

  test('placeholders match key for key', () => {
    const differ = enKeys
      .filter((k) => zhCN[k] !== undefined)
      .filter((k) => placeholders(en[k]).join() !== placeholders(zhCN[k]!).join())
      .map((k) => `${k}: en {${placeholders(en[k]).join(',')}} zh {${placeholders(zhCN[k]!).join(',')}}`);
    expect(differ).toEqual([]);
  });

  test('strings with English words are translated', () => {
    // A string with an English word of three letters or more outside placeholders and known
    // abbreviations (DSO, CEI, IFRS…) was probably pasted, not translated.
    const untranslated = enKeys.filter((k) => {
      if (SAME_IN_BOTH.has(k) || zhCN[k] === undefined) return false;
      const text = zhCN[k]!.replace(/\{\w+\}/g, '').replace(/\b(DSO|ADD|CEI|DBT|IFRS|ECL|AR|PD|LGD|EAD|SQL|CSV|XLSX|Parquet|JSON|SHA-256|ID|PDF|Excel|VIP|UTC|KB|MB|Duesight|duesight|import|demo)\b/g, '');
      return /[A-Za-z]{3,}/.test(text) && !/[\u4e00-\u9fff]/.test(text);
    });
    expect(untranslated).toEqual([]);
  });

  test('the financial terms are the standard Chinese ones', () => {
    expect(zhCN['kpi.ar']).toBe('应收账款');
    expect(zhCN['nav.aging']).toBe('账龄');
    expect(zhCN['aging.overdue']).toBe('逾期');
    expect(zhCN['kpi.bad_debt_rate']).toBe('坏账率');
    expect(zhCN['kpi.ecl']).toBe('预期信用损失');
    expect(zhCN['kpi.dso']).toContain('销售未收款天数');
  });
});
