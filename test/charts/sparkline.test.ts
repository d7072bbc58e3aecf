// Sparkline renders on the server as one line path, an end dot and one titled point per value.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import Sparkline from '../../src/lib/charts/Sparkline.svelte';
import { hasBadNumbers, snapshotSvg, tags, titles, withClass } from './svg.ts';

const dates = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30'];
const format = (v: number) => `${v.toFixed(1)} days`;

function svg(props: Partial<ComponentProps<typeof Sparkline>> = {}) {
  return render(Sparkline, {
    props: { values: [60, 62.5, 59, 61, 70, 71], dates, label: 'DSO', format, ...props },
  }).body;
}

describe('Sparkline', () => {
  test('draws one path through every point, an end dot and a tooltip per value', () => {
    const html = svg();
    expect(tags(html, 'svg')).toHaveLength(1);
    expect(tags(html, 'svg')[0]).toMatchObject({ role: 'img', 'aria-label': 'DSO', width: '140', height: '36' });
    const [path] = withClass(html, 'path', 'line');
    expect(path.d.match(/[ML]/g)).toHaveLength(6);
    expect(withClass(html, 'circle', 'end')).toHaveLength(1);
    expect(withClass(html, 'circle', 'hit')).toHaveLength(6);
    expect(titles(html)).toContain('2024-06-30: 71.0 days');
    expect(hasBadNumbers(html)).toBe(false);
  });

  test('keeps every point inside the box, highest value at the top', () => {
    const html = svg({ width: 100, height: 30 });
    const points = withClass(html, 'circle', 'hit').map((c) => ({ x: Number(c.cx), y: Number(c.cy) }));
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(100);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(30);
    }
    expect(points[5].y).toBe(Math.min(...points.map((p) => p.y)));
  });

  test('leaves gaps for nulls and survives flat, single and empty series', () => {
    const gap = svg({ values: [1, 2, null, 4, 5, 6] });
    expect(withClass(gap, 'path', 'line')[0].d.match(/M/g)).toHaveLength(2);
    expect(withClass(gap, 'circle', 'hit')).toHaveLength(5);
    for (const values of [[5, 5, 5, 5, 5, 5], [3], [], [null, null]]) {
      const html = svg({ values, dates: dates.slice(0, values.length) });
      expect(hasBadNumbers(html)).toBe(false);
    }
    expect(withClass(svg({ values: [] }), 'circle', 'end')).toHaveLength(0);
  });

  test('matches the stored SVG (numbers rounded), so a change of drawing shows in review', async () => {
    await expect(snapshotSvg(svg())).toMatchFileSnapshot('./__snapshots__/sparkline.svg');
  });
});
