// TierBars draws, per tier, a customers bar and an exposure bar in proportion, each labelled
// with its number and its share of the whole.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import TierBars from '../../src/lib/charts/TierBars.svelte';
import { hasBadNumbers, snapshotSvg, texts, titles, withClass } from './svg.ts';

const tiers = [
  { key: 'vip', label: 'VIP', color: '#0072B2', customers: 20, exposure: 50_000 },
  { key: 'standard', label: 'Standard', color: '#009E73', customers: 60, exposure: 150_000 },
  { key: 'watch', label: 'Watch', color: '#E69F00', customers: 15, exposure: 100_000 },
  { key: 'high_risk', label: 'High risk', color: '#D55E00', customers: 5, exposure: 0 },
];

function html(props: Partial<ComponentProps<typeof TierBars>> = {}): string {
  return render(TierBars, {
    props: {
      tiers,
      words: { customers: 'Customers', exposure: 'AR' },
      formatCount: (v: number) => String(v),
      formatCompact: (v: number) => `${v / 1000}K`,
      formatMoney: (v: number) => `${v.toFixed(2)} USD`,
      formatShare: (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`),
      label: 'Tiers',
      width: 640,
      ...props,
    },
  }).body;
}

describe('TierBars', () => {
  test('bars are in proportion within each panel: 60 customers is three times 20; 150K AR is 1.5 × 100K', () => {
    const out = html();
    const bars = withClass(out, 'rect', 'bar');
    expect(bars).toHaveLength(8);
    const width = (panel: string, i: number) => Number(bars.filter((b) => b['data-panel'] === panel)[i].width);
    expect(width('customers', 1) / width('customers', 0)).toBeCloseTo(3, 1);
    expect(width('exposure', 1) / width('exposure', 2)).toBeCloseTo(1.5, 1);
    expect(width('exposure', 3)).toBe(0);
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('each bar says its number and share: 60 of 100 customers = 60.0%; 150K of 300K AR = 50.0%', () => {
    const out = html();
    expect(texts(out)).toEqual(expect.arrayContaining(['60 · 60.0%', '150K · 50.0%', '0K · 0.0%', 'Customers', 'AR', 'High risk']));
    expect(titles(out)).toContain('Watch: AR 100000.00 USD (33.3%)');
  });

  test('an empty book has no shares and no NaN', () => {
    const out = html({ tiers: tiers.map((t) => ({ ...t, customers: 0, exposure: 0 })) });
    expect(hasBadNumbers(out)).toBe(false);
    expect(texts(out)).toContain('0 · —');
  });

  test('matches the stored SVG', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/tier-bars.svg');
  });
});
