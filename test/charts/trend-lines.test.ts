// TrendLines renders on the server as one path per series, a titled point per value, both axes and end labels.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import TrendLines from '../../src/lib/charts/TrendLines.svelte';
import { hasBadNumbers, snapshotSvg, tags, texts, titles, withClass } from './svg.ts';

const dates = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30', '2024-07-31', '2024-08-31'];
const series = [
  { key: 'dso', label: 'DSO', values: [60, 61, 63.5, 59, 64, 66, 70, 71], color: '#0072B2' },
  { key: 'bpdso', label: 'Best-possible DSO', values: [40, 41, null, 39, 40, 42, 40, 40], color: '#E69F00', dash: '6 4' },
];

function html(props: Partial<ComponentProps<typeof TrendLines>> = {}): string {
  return render(TrendLines, {
    props: {
      dates,
      series,
      unit: 'days',
      format: (v: number) => v.toFixed(1),
      formatDate: (d: string) => d.slice(0, 7),
      label: 'DSO trend',
      ...props,
    },
  }).body;
}

describe('TrendLines', () => {
  test('draws a path per series and a titled point per value', () => {
    const out = html();
    const paths = withClass(out, 'path', 'series');
    expect(paths).toHaveLength(2);
    expect(paths[0].d.match(/[ML]/g)).toHaveLength(8);
    // The null splits the second line in two.
    expect(paths[1].d.match(/M/g)).toHaveLength(2);
    expect(paths[1]['stroke-dasharray']).toBe('6 4');
    expect(withClass(out, 'circle', 'point')).toHaveLength(15);
    expect(titles(out)).toContain('DSO, 2024-08: 71.0');
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('has a labelled value axis from zero and a month axis', () => {
    const out = html();
    expect(tags(out, 'svg').find((s) => s.role === 'img')?.['aria-label']).toBe('DSO trend');
    const labels = texts(out);
    expect(labels).toContain('days');
    // Ticks use `format` unless told otherwise.
    expect(labels).toContain('0.0');
    expect(labels).toContain('80.0');
    expect(labels).toContain('2024-08');
    // End labels: the last value of each series.
    expect(withClass(out, 'text', 'end-label').length).toBe(2);
    expect(labels).toContain('71.0');
    expect(labels).toContain('40.0');
    // Both legend entries.
    expect(out).toContain('Best-possible DSO');
  });

  test('keeps points inside the plot and the larger value higher', () => {
    const out = html({ width: 500, height: 240 });
    const points = withClass(out, 'circle', 'point').map((c) => ({ x: Number(c.cx), y: Number(c.cy) }));
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(500);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(240);
    }
    // DSO (71) above best-possible DSO (40) at the last month: smaller y.
    expect(points[7].y).toBeLessThan(points[14].y);
  });

  test('thins month labels when they would collide', () => {
    const many = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2023, i + 1, 0)).toISOString().slice(0, 10));
    const out = html({ dates: many, series: [{ key: 'a', label: 'A', values: many.map((_, i) => i), color: '#000' }], width: 400 });
    const ticks = texts(out).filter((s) => /^\d{4}-\d{2}$/.test(s));
    expect(ticks.length).toBeLessThan(24);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks[ticks.length - 1]).toBe('2024-12');
  });

  test('renders an empty chart without NaN', () => {
    const out = html({ series: [{ key: 'a', label: 'A', values: dates.map(() => null), color: '#000' }] });
    expect(withClass(out, 'circle', 'point')).toHaveLength(0);
    expect(hasBadNumbers(out)).toBe(false);
    expect(hasBadNumbers(html({ dates: [], series: [] }))).toBe(false);
  });

  test('matches the stored SVG (numbers rounded), so a change of drawing shows in review', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/trend-lines.svg');
  });
});
