// RiskMatrix places each customer by exposure (log scale) and score, sizes it by overdue,
// colours it by tier, links it to the customer, and leaves out what cannot be placed.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import RiskMatrix from '../../src/lib/charts/RiskMatrix.svelte';
import { hasBadNumbers, snapshotSvg, tags, texts } from './svg.ts';

const tiers = [
  { key: 'vip', label: 'VIP', color: '#0072B2' },
  { key: 'watch', label: 'Watch', color: '#E69F00' },
  { key: 'high_risk', label: 'High risk', color: '#D55E00' },
];
const points = [
  { id: 'C1', name: 'Alpha', exposure: 1_000, score: 90, overdue: 0, tier: 'vip', href: '/customers/C1' },
  { id: 'C2', name: 'Beta', exposure: 10_000, score: 60, overdue: 2_500, tier: 'watch', href: '/customers/C2' },
  { id: 'C3', name: 'Gamma', exposure: 100_000, score: 30, overdue: 10_000, tier: 'high_risk', href: '/customers/C3' },
  // Cannot be placed on a log axis: no exposure.
  { id: 'C4', name: 'Delta', exposure: 0, score: 50, overdue: 0, tier: 'watch', href: '/customers/C4' },
];

function html(props: Partial<ComponentProps<typeof RiskMatrix>> = {}): string {
  return render(RiskMatrix, {
    props: {
      points,
      tiers,
      guides: [{ score: 70, label: 'Watch below 70' }],
      formatMoney: (v: number) => `${v.toFixed(2)} USD`,
      formatTick: (v: number) => (v >= 1000 ? `${v / 1000}K` : String(v)),
      xLabel: 'AR (log scale)',
      yLabel: 'Score',
      words: { score: 'Score', exposure: 'AR', overdue: 'Overdue', tier: 'Tier' },
      label: 'Risk matrix',
      width: 560,
      height: 360,
      ...props,
    },
  }).body;
}

const circles = (out: string) =>
  tags(out, 'circle')
    .filter((c) => c.fill?.startsWith('#'))
    .map((c) => ({ cx: Number(c.cx), cy: Number(c.cy), r: Number(c.r), fill: c.fill }));

describe('RiskMatrix', () => {
  test('one link per customer that can be placed, to its page, named in words', () => {
    const out = html();
    const links = tags(out, 'a');
    expect(links.map((a) => a.href).sort()).toEqual(['/customers/C1', '/customers/C2', '/customers/C3']);
    expect(links.find((a) => a['data-customer'] === 'C2')?.['aria-label']).toBe('Beta (C2): Tier Watch, Score 60, AR 10000.00 USD, Overdue 2500.00 USD');
    // One tab stop: the leftmost customer.
    expect(links.filter((a) => a.tabindex === '0').map((a) => a['data-customer'])).toEqual(['C1']);
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('exposure is on a log scale: each tenfold step is the same distance; higher scores sit higher', () => {
    const byFill = new Map(circles(html()).map((c) => [c.fill, c]));
    const [a, b, c] = ['#0072B2', '#E69F00', '#D55E00'].map((f) => byFill.get(f)!);
    // 1,000 → 10,000 → 100,000: equal steps across.
    expect(b.cx - a.cx).toBeCloseTo(c.cx - b.cx, 0);
    expect(a.cy).toBeLessThan(b.cy);
    expect(b.cy).toBeLessThan(c.cy);
    // Score 90 vs 60 vs 30 on a 0–100 axis: equal steps down.
    expect(b.cy - a.cy).toBeCloseTo(c.cy - b.cy, 0);
  });

  test('bubble area grows with overdue: 10,000 overdue has four times the area of 2,500 over the minimum radius', () => {
    const byFill = new Map(circles(html()).map((c) => [c.fill, c]));
    const none = byFill.get('#0072B2')!;
    const quarter = byFill.get('#E69F00')!;
    const full = byFill.get('#D55E00')!;
    // scaleSqrt from 0 → 3 px to 10,000 → 18 px: r(2,500) = 3 + 15 × √0.25 = 10.5.
    expect(none.r).toBe(3);
    expect(full.r).toBe(18);
    expect(quarter.r).toBeCloseTo(10.5, 1);
  });

  test('axes, guide lines and a legend', () => {
    const out = html();
    const labels = texts(out);
    expect(labels).toEqual(expect.arrayContaining(['AR (log scale)', 'Score', 'Watch below 70', '1K', '10K', '100K', '0', '100']));
    for (const t of tiers) expect(out).toContain(t.label);
  });

  test('nothing to place renders an empty chart without NaN', () => {
    const out = html({ points: [] });
    expect(tags(out, 'a')).toHaveLength(0);
    expect(hasBadNumbers(out)).toBe(false);
    expect(hasBadNumbers(html({ points: [points[0]] }))).toBe(false);
  });

  test('matches the stored SVG', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/risk-matrix.svg');
  });
});
