// WarningTimeline stacks each week's warnings by severity, with the week's total, and labels
// only whole numbers on its axis.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import WarningTimeline from '../../src/lib/charts/WarningTimeline.svelte';
import { hasBadNumbers, snapshotSvg, texts, titles, withClass } from './svg.ts';

const severities = [
  { key: 'high', label: 'High', color: '#D55E00' },
  { key: 'medium', label: 'Medium', color: '#E69F00' },
  { key: 'low', label: 'Low', color: '#56B4E9' },
];
const weeks = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
const counts = [
  { high: 1, medium: 2, low: 0 },
  { high: 0, medium: 0, low: 0 },
  { high: 2, medium: 0, low: 1 },
  { high: 0, medium: 1, low: 0 },
];

function html(props: Partial<ComponentProps<typeof WarningTimeline>> = {}): string {
  return render(WarningTimeline, {
    props: {
      weeks,
      severities,
      counts,
      formatCount: (v: number) => String(v),
      formatDate: (d: string) => d.slice(5),
      formatWeek: (d: string) => `week of ${d}`,
      unit: 'warnings',
      label: 'Warnings by week',
      width: 600,
      ...props,
    },
  }).body;
}

describe('WarningTimeline', () => {
  test('a segment per non-zero severity per week, each with its count in the tooltip', () => {
    const out = html();
    // 1+2, none, 2+1, 1: five segments.
    expect(withClass(out, 'rect', 'bar')).toHaveLength(5);
    expect(titles(out)).toContain('week of 2026-10-19 · High: 2');
    expect(titles(out)).toContain('week of 2026-10-19 · Low: 1');
    // No total marks: the top of each stack is its week's total (2 + 1 = 3 in the week of 19 October).
    expect(withClass(out, 'line', 'total')).toHaveLength(0);
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('the most severe sits at the base of each bar', () => {
    const out = html();
    // The layers in drawing order (base first), each a <g class="layer" fill=…>.
    const layers = [...out.matchAll(/<g class="layer[^"]*" fill="([^"]+)"/g)].map((m) => m[1]);
    expect(layers).toEqual(['#D55E00', '#E69F00', '#56B4E9']);
    const first = withClass(out, 'rect', 'bar').slice(0, 2).map((b) => Number(b.y));
    // Week 1: high (1) at the base, medium (2) above it: a smaller y.
    expect(first[0]).toBeGreaterThan(first[1]);
  });

  test('axis labels are whole numbers only', () => {
    const labels = texts(html({ counts: [{ high: 1, medium: 0, low: 0 }, { high: 0, medium: 0, low: 0 }, { high: 0, medium: 0, low: 0 }, { high: 0, medium: 1, low: 1 }] }));
    expect(labels.filter((l) => /\./.test(l))).toEqual([]);
    expect(labels).toEqual(expect.arrayContaining(['0', '1', '2', 'warnings']));
  });

  test('no warnings at all renders without NaN', () => {
    expect(hasBadNumbers(html({ counts: weeks.map(() => ({ high: 0, medium: 0, low: 0 })) }))).toBe(false);
    expect(hasBadNumbers(html({ weeks: [], counts: [] }))).toBe(false);
  });

  test('matches the stored SVG', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/warning-timeline.svg');
  });
});
