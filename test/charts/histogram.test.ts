// Histogram renders on the server one bar per non-empty bin, heights proportional to the values,
// bins named under the axis, a unit, optional labels over the bars and a tooltip per bar.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import Histogram from '../../src/lib/charts/Histogram.svelte';
import { hasBadNumbers, snapshotSvg, tags, texts, titles, withClass } from './svg.ts';

const bins = [
  { label: '0', value: 100, color: '#3a78b5' },
  { label: '1–7', value: 0 },
  { label: '8–14', value: 300 },
  { label: '15+', value: 50, color: '#7a2a05' },
];

function html(props: Partial<ComponentProps<typeof Histogram>> = {}): string {
  return render(Histogram, {
    props: {
      bins,
      unit: 'USD',
      axisLabel: 'Days beyond terms',
      formatTick: (v: number) => String(v),
      describe: (b: (typeof bins)[number]) => `${b.label} days: ${b.value}`,
      // 450 in all: 100 is 22%, 300 is 67%, 50 is 11%.
      barLabel: (b: (typeof bins)[number]) => `${Math.round((b.value / 450) * 100)}%`,
      label: 'Days beyond terms, by amount',
      width: 480,
      height: 240,
      ...props,
    },
  }).body;
}

describe('Histogram', () => {
  test('one bar per non-empty bin, with tooltips and share labels', () => {
    const out = html();
    expect(withClass(out, 'rect', 'bar')).toHaveLength(3);
    expect(titles(out)).toEqual(['0 days: 100', '8–14 days: 300', '15+ days: 50']);
    expect(withClass(out, 'text', 'bar-label')).toHaveLength(3);
    expect(texts(out)).toEqual(expect.arrayContaining(['22%', '67%', '11%']));
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('heights are proportional to the values and stand on the zero line; colours per bin or the default', () => {
    const out = html();
    const zero = Number(withClass(out, 'line', 'zero')[0].y1);
    const rects = withClass(out, 'rect', 'bar').map((r) => ({ y: Number(r.y), h: Number(r.height), fill: r.fill }));
    expect(rects[1].h / rects[0].h).toBeCloseTo(3, 1);
    expect(rects[2].h / rects[0].h).toBeCloseTo(0.5, 1);
    for (const r of rects) expect(r.y + r.h).toBeCloseTo(zero, 0);
    expect(rects.map((r) => r.fill)).toEqual(['#3a78b5', '#0072B2', '#7a2a05']);
  });

  test('names every bin, the axis and the unit', () => {
    const labels = texts(html());
    for (const b of bins) expect(labels).toContain(b.label);
    expect(labels).toContain('Days beyond terms');
    expect(labels).toContain('USD');
    expect(tags(html(), 'svg').find((s) => s.role === 'img')?.['aria-label']).toBe('Days beyond terms, by amount');
  });

  test('renders empty bins without NaN', () => {
    const out = html({ bins: bins.map((b) => ({ ...b, value: 0 })) });
    expect(withClass(out, 'rect', 'bar')).toHaveLength(0);
    expect(hasBadNumbers(out)).toBe(false);
    expect(hasBadNumbers(html({ bins: [] }))).toBe(false);
  });

  test('matches the stored SVG (numbers rounded), so a change of drawing shows in review', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/histogram.svg');
  });
});
