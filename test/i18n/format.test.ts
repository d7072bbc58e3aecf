// Numbers and dates in Chinese: same digit grouping, 万/亿 for compact amounts, dates as
// 2024年3月31日; English output is unchanged (test/charts/scales-and-formats.test.ts).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { setLocale } from '../../src/lib/i18n/index.ts';
import {
  formatAxisDate,
  formatDate,
  formatDays,
  formatMoney,
  formatMoneyCompact,
  formatMonth,
  formatPercent,
  formatPercentagePoints,
  formatSigned,
  formatTick,
} from '../../src/lib/format.ts';

beforeEach(() => setLocale('zh-CN'));
afterEach(() => setLocale('en'));

describe('formats in zh-CN', () => {
  test('money keeps the grouping and the ISO currency code', () => {
    expect(formatMoney(7695482.8545, 'CNY')).toBe('7,695,482.85 CNY');
    expect(formatPercent(0.45)).toBe('45.0%');
  });

  test('compact amounts count in 万 (10⁴) and 亿 (10⁸)', () => {
    // 7,695,482 / 10,000 = 769.5482 → 769.55万
    expect(formatMoneyCompact(7_695_482, 'USD')).toBe('769.55万 USD');
    // 845,249 / 10,000 = 84.5249 → 84.52万
    expect(formatMoneyCompact(845_249)).toBe('84.52万');
    // 123,456,789 / 100,000,000 = 1.23456789 → 1.23亿
    expect(formatMoneyCompact(123_456_789)).toBe('1.23亿');
    expect(formatMoneyCompact(6_597)).toBe('6,597');
    // axis ticks: 2,500,000 = 250 × 10⁴; 500,000 = 50 × 10⁴; 2 × 10⁸
    expect(formatTick(2_500_000)).toBe('250万');
    expect(formatTick(500_000)).toBe('50万');
    expect(formatTick(200_000_000)).toBe('2亿');
    expect(formatTick(5_000)).toBe('5,000');
  });

  test('days and dates', () => {
    expect(formatDays(70.96)).toBe('71.0 天');
    expect(formatPercentagePoints(1.46)).toBe('1.5 个百分点');
    expect(formatSigned(-0.4, (v) => formatDays(v))).toBe('\u22120.4 天');
    expect(formatDate('2024-03-31')).toBe('2024年3月31日');
    expect(formatMonth('2024-12-31')).toBe('2024年12月');
    expect(formatAxisDate('2024-02-29')).toBe('2024年2月');
    expect(formatAxisDate('2024-06-15')).toBe('2024年6月15日');
  });

  test('switching back gives the English forms', () => {
    setLocale('en');
    expect(formatDate('2024-03-31')).toBe('31 Mar 2024');
    expect(formatMoneyCompact(7_695_482, 'USD')).toBe('7.70M USD');
    expect(formatDays(70.96)).toBe('71.0 days');
    expect(formatPercentagePoints(1.46)).toBe('1.5 pp');
  });
});
