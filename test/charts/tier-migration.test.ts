// TierMigration stacks upgrades above the zero line and downgrades below it, per month, coloured
// by the tier moved to; stays and moves to or from an unranked tier draw nothing.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import TierMigration from '../../src/lib/charts/TierMigration.svelte';
import { hasBadNumbers, snapshotSvg, tags, texts, titles, withClass } from './svg.ts';

const tiers = [
  { key: 'vip', label: 'VIP', color: '#0072B2' },
  { key: 'standard', label: 'Standard', color: '#009E73' },
  { key: 'watch', label: 'Watch', color: '#E69F00' },
  { key: 'high_risk', label: 'High risk', color: '#D55E00' },
];
const flow = (from: string, to: string, customers: number) => ({ from, to, customers, exposure: customers * 1000 });
const steps = [
  // Up: 4 (standard → vip 3, watch → standard 1). Down: 6 (standard → watch 4, watch → high risk 2).
  { date: '2026-08-31', flows: [flow('vip', 'vip', 10), flow('standard', 'vip', 3), flow('watch', 'standard', 1), flow('standard', 'watch', 4), flow('watch', 'high_risk', 2), flow('unrated', 'standard', 5)] },
  // Only stays: nothing drawn.
  { date: '2026-09-30', flows: [flow('vip', 'vip', 12), flow('standard', 'standard', 40)] },
  // Down: 2 (vip → high risk).
  { date: '2026-10-31', flows: [flow('vip', 'high_risk', 2)] },
];

function html(props: Partial<ComponentProps<typeof TierMigration>> = {}): string {
  return render(TierMigration, {
    props: {
      steps,
      tiers,
      selected: 2,
      onselect: () => undefined,
      formatDate: (d: string) => d.slice(0, 7),
      formatCount: (v: number) => String(v),
      words: { up: 'Upgrades', down: 'Downgrades', stayed: 'Stayed', other: 'Other moves', customers: 'customers' },
      label: 'Tier migration',
      width: 600,
      height: 280,
      ...props,
    },
  }).body;
}

describe('TierMigration', () => {
  test('one segment per move between ranked tiers; stays and unrated moves draw nothing', () => {
    const out = html();
    const bars = withClass(out, 'rect', 'bar');
    // Step 1: 4 moves; step 2: none; step 3: 1.
    expect(bars).toHaveLength(5);
    expect(titles(out)).toContain('2026-08 · Standard → Watch: 4 customers');
    expect(titles(out).some((t) => t.includes('Unrated') || t.includes('unrated'))).toBe(false);
    // Coloured by the tier moved to.
    expect(bars.map((b) => b.fill).sort()).toEqual(['#0072B2', '#009E73', '#D55E00', '#D55E00', '#E69F00'].sort());
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('upgrades above the zero line, downgrades below, heights in proportion to customers', () => {
    const out = html();
    const zero = Number(withClass(out, 'line', 'zero')[0].y1);
    const bars = withClass(out, 'rect', 'bar').map((b) => ({ y: Number(b.y), h: Number(b.height), fill: b.fill }));
    const toVip = bars.find((b) => b.fill === '#0072B2')!;
    const toWatch = bars.find((b) => b.fill === '#E69F00')!;
    expect(toVip.y + toVip.h).toBeLessThanOrEqual(zero + 0.1);
    expect(toWatch.y).toBeGreaterThanOrEqual(zero - 0.1);
    // 3 customers up to VIP, 4 down to watch.
    expect(toWatch.h / toVip.h).toBeCloseTo(4 / 3, 1);
    // Totals written at the bar ends: 4 up, 6 down in August; 2 down in October.
    expect(withClass(out, 'text', 'total').length).toBe(3);
    expect(texts(out)).toEqual(expect.arrayContaining(['4', '6', '2']));
  });

  test('each month is a button saying its totals; one tab stop, on the chosen month', () => {
    const out = html();
    const months = withClass(out, 'g', 'step');
    expect(months).toHaveLength(3);
    expect(months.map((m) => m.role)).toEqual(['button', 'button', 'button']);
    expect(months[0]['aria-label']).toBe('2026-08: Upgrades 4, Downgrades 6, Stayed 10');
    expect(months.filter((m) => m.tabindex === '0').map((m) => m['data-step'])).toEqual(['2']);
    expect(months[2]['aria-pressed']).toBe('true');
    expect(tags(out, 'svg')[0]).toBeDefined();
  });

  test('no steps, or only stays, render without NaN', () => {
    expect(hasBadNumbers(html({ steps: [] }))).toBe(false);
    expect(hasBadNumbers(html({ steps: [steps[1]] }))).toBe(false);
  });

  test('matches the stored SVG', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/tier-migration.svg');
  });
});
