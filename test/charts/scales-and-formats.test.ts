// The pure helpers behind the charts and pages: value axes, label thinning and dodging, palettes,
// and how numbers and dates are written for the reader.
import { describe, expect, test } from 'vitest';
import { agingColors, dodge, labelledIndices, labelStep, tightScale, valueScale } from '../../src/lib/charts/scales.ts';
import {
  formatAxisDate,
  formatDate,
  formatDays,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatPercentValue,
  formatSigned,
  formatTick,
} from '../../src/lib/format.ts';
import { changeTone, formatChange, formatKpi } from '../../src/lib/components/kpi-tiles.ts';

describe('scales', () => {
  test('value axes start at zero and end on a nice tick', () => {
    expect(valueScale([12, 71.3, null], [100, 0]).domain()).toEqual([0, 80]);
    expect(valueScale([], [100, 0]).domain()).toEqual([0, 1]);
    expect(valueScale([5, 5], [100, 0], false).domain()).toEqual([4, 6]);
  });

  test('a small negative end is padded, not rounded out to a whole tick step', () => {
    const [lo, hi] = valueScale([-106_000, 7_700_000], [100, 0]).domain();
    expect(hi).toBe(8_000_000);
    expect(lo).toBeCloseTo(-121_900, 0);
    // A large negative share keeps nice ticks on both sides.
    expect(valueScale([-4, 6], [100, 0]).domain()).toEqual([-4, 6]);
  });

  test('sparkline scales fit the data and survive flat or empty data', () => {
    expect(tightScale([3, 9], [30, 0]).domain()).toEqual([3, 9]);
    expect(tightScale([50, 50], [30, 0]).domain()).toEqual([45, 55]);
    expect(tightScale([null], [30, 0]).domain()).toEqual([0, 1]);
  });

  test('axis labels thin out to fit and always include the last (as-of) category', () => {
    expect(labelStep(24, 480, 72)).toBe(4);
    expect(labelStep(12, 2000, 72)).toBe(1);
    expect(labelledIndices(24, 4)).toEqual([3, 7, 11, 15, 19, 23]);
    expect(labelledIndices(0, 1)).toEqual([]);
  });

  test('end labels are pushed apart but kept in order and inside the plot', () => {
    expect(dodge([50, 52], 14, 0, 200)).toEqual([50, 64]);
    expect(dodge([52, 50], 14, 0, 200)).toEqual([64, 50]);
    const [a, b] = dodge([199, 200], 14, 0, 200);
    expect(b).toBe(200);
    expect(b - a).toBe(14);
  });

  test('aging colours: current in blue, overdue buckets darkening with age, one per label', () => {
    const colors = agingColors(['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    expect(colors).toHaveLength(6);
    expect(new Set(colors).size).toBe(6);
    expect(colors[0]).toBe('#3a78b5');
    const lightness = (c: string) => c.match(/\d+/g)!.slice(0, 3).reduce((s, v) => s + Number(v), 0);
    expect(lightness(colors[1])).toBeGreaterThan(lightness(colors[5]));
    expect(agingColors(['current', '30+'])).toHaveLength(2);
  });
});

describe('formats', () => {
  test('money: thousands separators, cents, currency code; compact for tiles; short ticks', () => {
    expect(formatMoney(7695482.8545, 'USD')).toBe('7,695,482.85 USD');
    expect(formatMoney(-0.001)).toBe('0.00');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoneyCompact(7_695_482, 'USD')).toBe('7.70M USD');
    expect(formatMoneyCompact(845_249)).toBe('845.2K');
    expect(formatMoneyCompact(6_597)).toBe('6,597');
    expect(formatTick(2_500_000)).toBe('2.5M');
    expect(formatTick(500_000)).toBe('500K');
    expect(formatTick(0)).toBe('0');
  });

  test('ratios, percentages and days', () => {
    expect(formatPercent(0.45)).toBe('45.0%');
    expect(formatPercentValue(74.1234)).toBe('74.1%');
    expect(formatDays(70.96)).toBe('71.0 days');
    expect(formatDays(Number.NaN)).toBe('—');
  });

  test('dates read as day, month name and year; month-end axes name the month', () => {
    expect(formatDate('2024-12-31')).toBe('31 Dec 2024');
    expect(formatAxisDate('2024-02-29')).toBe('Feb 2024');
    expect(formatAxisDate('2024-06-15')).toBe('15 Jun 2024');
  });

  test('changes carry a sign (a true minus) unless they round to nothing', () => {
    expect(formatSigned(2.06, (v) => formatDays(v))).toBe('+2.1 days');
    expect(formatSigned(-0.4, (v) => formatDays(v))).toBe('\u22120.4 days');
    expect(formatSigned(0.01, (v) => formatDays(v))).toBe('0.0 days');
  });

  test('KPI tiles: percentage points for ratios, good or bad news by the KPI’s better side', () => {
    expect(formatKpi('ratio', 0.0215, 'USD')).toBe('2.15%');
    expect(formatKpi('ratio', 0.45, 'USD')).toBe('45.0%');
    expect(formatChange('ratio', 0.144, 'USD')).toBe('+14.4 pp');
    expect(formatChange('ratio', -0.0006, 'USD')).toBe('\u22120.06 pp');
    expect(changeTone('down', 2.1, 'days', 'USD')).toBe('worse');
    expect(changeTone('up', 2.1, 'percent', 'USD')).toBe('better');
    expect(changeTone('down', 0.01, 'days', 'USD')).toBe('neutral');
    expect(changeTone('neither', 1e6, 'money', 'USD')).toBe('neutral');
  });
});
