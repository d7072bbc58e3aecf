// HeatMap renders a cell per row × column with its number written in, darker blue for larger
// values, readable text on every fill, one tab stop, and grouped column headings.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import HeatMap from '../../src/lib/charts/HeatMap.svelte';
import { gridStep, listStep } from '../../src/lib/charts/roving.ts';
import { contrastRatio, DARK_TEXT, heatFill, LIGHT_TEXT, MIN_CONTRAST, relativeLuminance, textOn } from '../../src/lib/charts/sequential.ts';
import { hasBadNumbers, snapshotSvg, tags, texts, withClass } from './svg.ts';

const rows = [
  { key: 'current', label: 'Current', note: '1,500.00' },
  { key: '1-30', label: '1–30', note: '400.00' },
];
const columns = [
  { key: 'current', label: 'Current', group: 'Next month' },
  { key: '1-30', label: '1–30', group: 'Next month' },
  { key: 'paid', label: 'Paid', group: 'Left' },
];
// Current: 800/1500 rolled to 1-30, 600/1500 paid, none stayed. 1-30: all 400 paid.
const values = [
  [0, 800 / 1500, 600 / 1500],
  [null, 0, 1],
];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function html(props: Partial<ComponentProps<typeof HeatMap>> = {}): string {
  return render(HeatMap, {
    props: { rows, columns, values, max: 1, format: pct, label: 'Roll rates', rowTitle: 'From', diagonal: true, width: 500, ...props },
  }).body;
}

describe('HeatMap', () => {
  test('writes every cell: a share as a percentage, zero as a dash, not observed as nothing', () => {
    const out = html();
    const cells = withClass(out, 'g', 'cell');
    expect(cells).toHaveLength(6);
    // 800 / 1500 = 53.3%, 600 / 1500 = 40.0%, 400 / 400 = 100.0%.
    expect(texts(out)).toEqual(expect.arrayContaining(['53.3%', '40.0%', '100.0%', '–']));
    expect(cells.map((c) => c['aria-label'])).toContain('Current → 1–30: 53.3%');
    expect(cells.map((c) => c['aria-label'])).toContain('1–30 → Current: —');
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('larger values are darker; zero is white; the largest is the ramp’s darkest blue', () => {
    const out = html();
    const fills = tags(out, 'rect').map((r) => r.fill).filter(Boolean);
    expect(fills).toContain('#ffffff');
    expect(fills).toContain('#08306b');
    expect(relativeLuminance(heatFill(0.9, 1))).toBeLessThan(relativeLuminance(heatFill(0.4, 1)));
    expect(relativeLuminance(heatFill(0.4, 1))).toBeLessThan(relativeLuminance(heatFill(0.05, 1)));
  });

  test('every fill of the ramp keeps its number at WCAG AA contrast', () => {
    for (let i = 0; i <= 200; i++) {
      const fill = heatFill(i / 200, 1);
      expect(contrastRatio(fill, textOn(fill))).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
    expect(textOn('#08306b')).toBe(LIGHT_TEXT);
    expect(textOn('#ffffff')).toBe(DARK_TEXT);
  });

  test('is one tab stop, a grid with row and column headers, the diagonal marked', () => {
    const out = html();
    const cells = withClass(out, 'g', 'cell');
    expect(cells.filter((c) => c.tabindex === '0')).toHaveLength(1);
    expect(cells.filter((c) => c.tabindex === '-1')).toHaveLength(5);
    expect(tags(out, 'svg')[0]).toMatchObject({ role: 'grid', 'aria-label': 'Roll rates' });
    expect(tags(out, 'text').filter((t) => t.role === 'rowheader')).toHaveLength(2);
    expect(tags(out, 'text').filter((t) => t.role === 'columnheader')).toHaveLength(4);
    // current → current and 1-30 → 1-30.
    expect(withClass(out, 'g', 'stay')).toHaveLength(2);
    // One heading per group, over its columns.
    expect(withClass(out, 'text', 'group').length).toBe(2);
    expect(texts(out)).toEqual(expect.arrayContaining(['Next month', 'Left', 'From', '1,500.00']));
  });

  test('a column label too wide for its cell wraps onto lines, and the cells move down to make room', () => {
    const narrow = html({ columns: [...columns.slice(0, 2), { key: 'paid', label: 'Written off', group: 'Left' }], width: 240 });
    // 240 − 120 − 4 = 116 px for 3 columns: 38.7 px each, room for 5 characters a line.
    const lines = [...narrow.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines).toEqual(['Current', '1–30', 'Written', 'off']);
    const firstRect = (out: string) => Number(tags(out, 'rect').find((r) => r.fill)!.y);
    expect(firstRect(narrow) - firstRect(html())).toBe(13);
    expect(tags(narrow, 'text').filter((t) => t.role === 'columnheader').map((t) => t['aria-label'])).toContain('Written off');
  });

  test('an empty matrix renders without NaN', () => {
    expect(hasBadNumbers(html({ rows: [], columns: [], values: [] }))).toBe(false);
  });

  test('matches the stored SVG', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/heat-map.svg');
  });
});

describe('keyboard steps between marks', () => {
  test('a grid of 2 rows × 3 columns: arrows stay inside, Home and End go to the row’s ends', () => {
    expect(gridStep('ArrowRight', 0, 3, 6)).toBe(1);
    expect(gridStep('ArrowRight', 2, 3, 6)).toBe(2);
    expect(gridStep('ArrowDown', 1, 3, 6)).toBe(4);
    expect(gridStep('ArrowDown', 4, 3, 6)).toBe(4);
    expect(gridStep('ArrowUp', 4, 3, 6)).toBe(1);
    expect(gridStep('ArrowLeft', 3, 3, 6)).toBe(3);
    expect(gridStep('End', 3, 3, 6)).toBe(5);
    expect(gridStep('Home', 5, 3, 6)).toBe(3);
    expect(gridStep('Enter', 0, 3, 6)).toBeNull();
  });

  test('a list: arrows step by one and stop at the ends', () => {
    expect(listStep('ArrowRight', 0, 3)).toBe(1);
    expect(listStep('ArrowUp', 0, 3)).toBe(0);
    expect(listStep('ArrowDown', 2, 3)).toBe(2);
    expect(listStep('End', 0, 3)).toBe(2);
    expect(listStep('a', 0, 3)).toBeNull();
    expect(listStep('ArrowRight', 0, 0)).toBeNull();
  });
});
