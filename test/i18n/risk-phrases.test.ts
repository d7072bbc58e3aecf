// The risk engine's reason and warning sentences on the pages: in English word for word what the
// engine writes (the CLI's JSON and the exports carry that text), in Chinese translated with the
// same numbers, for every reason code and every warning rule the engine has.
import { afterEach, describe, expect, test } from 'vitest';
import { en } from '../../src/lib/i18n/en.ts';
import { setLocale, type Locale } from '../../src/lib/i18n/index.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { DEFAULT_RISK_CONFIG } from '../../src/lib/risk/config.ts';
import { reasonSentence, warningSentence } from '../../src/lib/risk/phrases.ts';
import { reasonFor } from '../../src/lib/risk/reasons.ts';
import { customerWarnings, portfolioWarnings, type CustomerWarningInput, type ScorePoint, type WarningFacts } from '../../src/lib/risk/warning-rules.ts';
import { SCORE_FACTORS, WARNING_RULES, type CustomerFactors, type Reason, type ScoreFactor, type Warning } from '../../src/lib/risk/types.ts';
import { factors } from '../risk/helpers.ts';

afterEach(() => setLocale('en'));

function inLocale<T>(locale: Locale, render: () => T): T {
  setLocale(locale);
  try {
    return render();
  } finally {
    setLocale('en');
  }
}

// ── the engine's sentences, from hand-made inputs: each factor on both sides of its wording ──
const FACTOR_CASES: [ScoreFactor, Partial<CustomerFactors>][] = [
  ['payment_index', { payment_index: 85 }], ['payment_index', { payment_index: 62.4 }],
  ['dbt_trend', { dbt_recent: 18.4, dbt_prior: 4 }], ['dbt_trend', { dbt_recent: 3, dbt_prior: 5 }],
  ['overdue_share', { overdue_share: 0.45 }], ['overdue_share', { overdue_share: 0 }],
  ['overdue_90_share', { overdue_90_share: 0.123 }], ['overdue_90_share', { overdue_90_share: 0 }],
  ['utilisation', { utilisation: 1.37 }], ['utilisation', { utilisation: 0.62 }],
  ['disputes', { dispute_share: 0.08 }], ['disputes', { dispute_share: 0 }],
  ['partial_payments', { partial_share: 0.4 }], ['partial_payments', { partial_share: 0 }],
  ['write_offs', { write_off_share: 0.025 }], ['write_offs', { write_off_share: 0 }],
  ['tenure', { tenure_months: 7 }], ['tenure', { tenure_months: 36 }],
  ['volume', { invoices_12m: 48 }], ['volume', { invoices_12m: 6 }],
];
const reasons: Reason[] = FACTOR_CASES.map(([factor, over]) => ({ ...reasonFor(factor, factors(over)), impact: -5 }));

const T = DEFAULT_RISK_CONFIG.warnings;
const point = (date: string, over: Partial<ScorePoint> = {}): ScorePoint => ({
  date, score: 88, tier: 'vip', ar: 1000, credit_limit: 2000, utilisation: 0.5, dbt_recent: 2, dbt_prior: 2, ...over,
});
const quietFacts: WarningFacts = {
  past_60_new: 0, past_60_invoices: 0, past_60_since: null, past_90_new: 0, past_90_invoices: 0, past_90_since: null,
  fell_due: 0, fell_due_since: null, cycles_paid: 0, payments_latest: 0, last_payment: null,
};
const input = (history: ScorePoint[], over: Partial<CustomerWarningInput> = {}): CustomerWarningInput => ({
  customer_id: 'C1', name: 'One', history, score_before: 88, facts: quietFacts, book_ar: 100_000, ...over,
});
const warnings: Warning[] = [
  ...customerWarnings(input([point('2024-06-30', { ar: 12_600, credit_limit: 10_000, utilisation: 1.26 })]), T),
  ...customerWarnings(input([point('2024-06-30')], {
    facts: { ...quietFacts, past_60_new: 1250.4, past_60_invoices: 2, past_60_since: '2024-06-20', past_90_new: 300, past_90_invoices: 1, past_90_since: '2024-06-24' },
  }), T),
  ...customerWarnings(input([point('2024-06-30', { dbt_recent: 25.4, dbt_prior: 9.6 })]), T),
  ...customerWarnings(input([point('2024-05-31', { tier: 'standard', score: 80 }), point('2024-06-30', { tier: 'watch', score: 63.5 })], { score_before: 80.25 }), T),
  ...customerWarnings(input([point('2024-06-30')], {
    facts: { ...quietFacts, cycles_paid: 6, payments_latest: 0, fell_due: 1000, fell_due_since: '2024-06-14', last_payment: '2024-05-14' },
  }), T),
  ...customerWarnings(input([point('2024-06-30', { ar: 15_000 })]), T),
  ...portfolioWarnings([
    { date: '2024-04-30', dso: 62, overdue_ratio: 0.1 },
    { date: '2024-05-31', dso: 55.2, overdue_ratio: 0.2 },
    { date: '2024-06-30', dso: 66.7, overdue_ratio: 0.3 },
  ], T.portfolio),
];
const warningOf = (rule: string) => warnings.find((w) => w.rule === rule)!;

/** The numbers (and ISO dates) of an English sentence, as the Chinese one should write them. */
function numbersOf(english: string): string[] {
  return [...english.matchAll(/\d{4}-\d{2}-\d{2}|\d[\d,]*(?:\.\d+)?%?/g)].map(([n]) => {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(n);
    return iso ? `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日` : n;
  });
}
/** English words left in a Chinese sentence, apart from the abbreviations Chinese finance writes in Latin letters. */
const englishWords = (text: string) => text.replace(/\b(DSO|VIP)\b/g, '').match(/[A-Za-z]+/g) ?? [];

describe('the inputs reach every wording the engine has', () => {
  test('every reason code and every warning rule is generated, and each has a key', () => {
    const keys = (prefix: string) => Object.keys(en).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
    expect([...new Set(FACTOR_CASES.map(([f]) => f))].sort()).toEqual([...SCORE_FACTORS].sort());
    // 10 factors × 2 wordings = 20 codes, all different.
    expect(reasons.map((r) => r.code).sort()).toEqual(keys('risk.reason.'));
    expect(keys('risk.reason.')).toHaveLength(20);
    expect([...new Set(warnings.map((w) => w.rule))].sort()).toEqual([...WARNING_RULES].sort());
    expect(keys('risk.warning.')).toEqual([...WARNING_RULES].sort());
  });
});

describe('English: the engine’s own sentence', () => {
  test.each(reasons.map((r) => [r.code, r] as const))('reason %s', (_code, r) => {
    expect(reasonSentence(r)).toBe(r.text);
  });
  test.each(warnings.map((w) => [w.rule, w] as const))('warning %s', (_rule, w) => {
    expect(warningSentence(w)).toBe(w.message);
  });
});

describe('Chinese: translated, with the same numbers', () => {
  test.each(reasons.map((r) => [r.code, r] as const))('reason %s', (_code, r) => {
    const zh = inLocale('zh-CN', () => reasonSentence(r));
    expect(zh).not.toBe(r.text);
    expect(englishWords(zh)).toEqual([]);
    for (const n of numbersOf(r.text)) expect(zh).toContain(n);
  });
  test.each(warnings.map((w) => [w.rule, w] as const))('warning %s', (_rule, w) => {
    const zh = inLocale('zh-CN', () => warningSentence(w));
    expect(zh).not.toBe(w.message);
    expect(englishWords(zh)).toEqual([]);
    for (const n of numbersOf(w.message)) expect(zh).toContain(n);
  });

  test('a few sentences in full', () => {
    const zh = (w: Warning) => inLocale('zh-CN', () => warningSentence(w));
    // 12,600 / 10,000 = 126%
    expect(zh(warningOf('credit_limit_exceeded'))).toBe('余额 12,600，达信用额度 10,000 的 126%。');
    // 1,250.4 rounds to 1,250; two invoices in the 30-day look-back
    expect(zh(warningOf('past_60'))).toBe('近 30 天内有 2 张发票共 1,250 逾期超过 60 天。');
    // 80.25 − 63.5 = 16.75 → 16.8 points; the tiers by their Chinese names; the date as Chinese dates are written
    expect(zh(warningOf('score_drop'))).toBe('评分在 90 天内下降 16.8 分，从 80.3 降至 63.5。');
    expect(zh(warningOf('tier_downgrade'))).toBe('自 2024年5月31日 以来由“标准”降为“关注”（评分 63.5）。');
    // 66.7 − 55.2 = 11.5 days
    expect(zh(warningOf('portfolio_dso_jump'))).toBe('DSO 自 2024年5月31日 以来上升 11.5 天，从 55.2 天升至 66.7 天。');
    // round(18.4) = 18 days now against 4 before
    const rising = reasons.find((r) => r.code === 'LATENESS_RISING')!;
    expect(inLocale('zh-CN', () => reasonSentence(rising))).toBe('平均逾期 18 天付款，高于此前的 4 天');
  });
});

describe('falling back to the engine’s English', () => {
  test('an unknown code or rule, or a value the sentence needs but the engine did not report', () => {
    const r = reasons[0];
    expect(inLocale('zh-CN', () => reasonSentence({ ...r, code: 'NEW_CODE', text: 'a new reason' }))).toBe('a new reason');
    expect(inLocale('zh-CN', () => reasonSentence({ ...r, values: {} }))).toBe(r.text);
    const w = warningOf('concentration');
    expect(inLocale('zh-CN', () => warningSentence({ ...w, rule: 'new_rule' as Warning['rule'], message: 'a new warning' }))).toBe('a new warning');
    expect(inLocale('zh-CN', () => warningSentence({ ...w, values: { ar: 15_000 } }))).toBe(w.message);
  });
});

describe('the keys of both languages', () => {
  test('every risk.reason.* and risk.warning.* key exists in English and Chinese alike', () => {
    const ours = (keys: string[]) => keys.filter((k) => k.startsWith('risk.reason.') || k.startsWith('risk.warning.')).sort();
    expect(ours(Object.keys(zhCN))).toEqual(ours(Object.keys(en)));
  });
});
