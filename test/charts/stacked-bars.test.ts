// StackedBars renders on the server as one rect per non-zero layer per date, stacked without gaps,
// negatives below zero, with a total mark, axes and tooltips.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import StackedBars from '../../src/lib/charts/StackedBars.svelte';
import { hasBadNumbers, snapshotSvg, tags, texts, titles, withClass } from './svg.ts';

const dates = ['2024-10-31', '2024-11-30', '2024-12-31'];
const keys = [
  { key: 'current', label: 'Current', color: '#3a78b5' },
  { key: '1-30', label: '1–30 days', color: '#fdc98a' },
  { key: '30+', label: '30+ days', color: '#7a2a05' },
  { key: 'unapplied', label: 'Unapplied cash', color: '#9aa3ad' },
];
const rows = [
  { current: 600, '1-30': 300, '30+': 100, unapplied: -50 },
  { current: 700, '1-30': 0, '30+': 200, unapplied: 0 },
  { current: 500, '1-30': 250, '30+': 250, unapplied: -100 },
];

function html(props: Partial<ComponentProps<typeof StackedBars>> = {}): string {
  return render(StackedBars, {
    props: {
      dates,
      keys,
      rows,
      totals: [950, 900, 900],
      totalLabel: 'AR',
      unit: 'USD',
      format: (v: number) => v.toFixed(2),
      formatTick: (v: number) => String(v),
      formatDate: (d: string) => d.slice(0, 7),
      label: 'Aging',
      width: 600,
      height: 300,
      ...props,
    },
  }).body;
}

describe('StackedBars', () => {
  test('draws a rect per non-zero value and a total mark per bar', () => {
    const out = html();
    // 12 cells, of which two are zero.
    expect(withClass(out, 'rect', 'bar')).toHaveLength(10);
    expect(withClass(out, 'line', 'total')).toHaveLength(3);
    expect(titles(out)).toContain('2024-12 · 30+ days: 250.00');
    expect(titles(out)).toContain('2024-10 · AR: 950.00');
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('stacks each bar without gaps, negatives below the zero line', () => {
    const out = html();
    const zero = Number(withClass(out, 'line', 'zero')[0].y1);
    const bars = withClass(out, 'rect', 'bar').map((r) => ({ x: Number(r.x), y: Number(r.y), h: Number(r.height), w: Number(r.width) }));
    const first = bars.filter((b) => b.x === bars[0].x);
    const above = first.filter((b) => b.y < zero).sort((a, b) => b.y - a.y);
    // current, 1-30, 30+ stack upwards from zero; each starts where the one below ends.
    expect(above).toHaveLength(3);
    expect(above[0].y + above[0].h).toBeCloseTo(zero, 0);
    expect(above[1].y + above[1].h).toBeCloseTo(above[0].y, 0);
    expect(above[2].y + above[2].h).toBeCloseTo(above[1].y, 0);
    // Unapplied hangs below zero.
    const below = first.filter((b) => b.y >= zero - 0.1 && !above.includes(b));
    expect(below).toHaveLength(1);
    expect(below[0].y).toBeCloseTo(zero, 0);
    // Heights are proportional to the values: current (600) is twice 1-30 (300).
    expect(above[0].h / above[1].h).toBeCloseTo(2, 1);
    for (const b of bars) expect(b.w).toBeGreaterThan(0);
  });

  test('has a legend, a unit and labelled axes', () => {
    const out = html();
    const labels = texts(out);
    expect(labels).toContain('USD');
    expect(labels).toContain('0');
    expect(labels).toContain('2024-12');
    for (const k of keys) expect(out).toContain(k.label);
    expect(tags(out, 'svg').find((s) => s.role === 'img')?.['aria-label']).toBe('Aging');
  });

  test('renders zeros, and no data at all, without NaN', () => {
    const zeros = html({ rows: dates.map(() => ({ current: 0, '1-30': 0, '30+': 0, unapplied: 0 })), totals: [0, 0, 0] });
    expect(withClass(zeros, 'rect', 'bar')).toHaveLength(0);
    expect(hasBadNumbers(zeros)).toBe(false);
    expect(hasBadNumbers(html({ dates: [], rows: [], totals: [] }))).toBe(false);
  });

  test('matches the stored SVG (numbers rounded), so a change of drawing shows in review', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/stacked-bars.svg');
  });
});
