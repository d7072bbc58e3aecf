// The risk page's adapters: tier shares with names and colours, migration steps and their
// from × to grid, the points the matrix can place, and the roll-rate grid.
import { describe, expect, test } from 'vitest';
import type { RollRateRow } from '$lib/loss-rates';
import type { TierFlow } from '$lib/risk/types';
import { largestMove, migrationGrid, migrationSteps, RANKED_TIERS, riskPoints, rollRateGrid, tierShares } from '../../src/routes/risk/risk-charts.ts';

const flow = (from_date: string, to_date: string, from_tier: TierFlow['from_tier'], to_tier: TierFlow['to_tier'], customers: number, exposure: number): TierFlow => ({
  from_date, to_date, from_tier, to_tier, customers, exposure,
});

describe('tiers and their moves', () => {
  test('tier shares keep the engine’s order, with names and Okabe–Ito colours', () => {
    const shares = tierShares({
      date: '2026-10-31',
      tiers: [
        { tier: 'vip', customers: 2, exposure: 100 },
        { tier: 'standard', customers: 5, exposure: 300 },
        { tier: 'watch', customers: 1, exposure: 50 },
        { tier: 'high_risk', customers: 1, exposure: 80 },
        { tier: 'unrated', customers: 3, exposure: 0 },
      ],
    });
    expect(shares.map((s) => s.label)).toEqual(['VIP', 'Standard', 'Watch', 'High-risk', 'Unrated']);
    expect(shares[0].color).toBe('#0072B2');
    expect(shares[3].color).toBe('#D55E00');
    expect(RANKED_TIERS).toEqual(['vip', 'standard', 'watch', 'high_risk']);
  });

  test('one step per later date, each with its own flows; the grid adds them up by from × to', () => {
    const dates = ['2026-08-31', '2026-09-30', '2026-10-31'];
    const flows = [
      flow('2026-08-31', '2026-09-30', 'vip', 'vip', 4, 400),
      flow('2026-08-31', '2026-09-30', 'standard', 'watch', 2, 120),
      flow('2026-09-30', '2026-10-31', 'watch', 'high_risk', 1, 90),
      flow('2026-09-30', '2026-10-31', 'unrated', 'standard', 3, 30),
    ];
    const steps = migrationSteps(dates, flows);
    expect(steps.map((s) => s.date)).toEqual(['2026-09-30', '2026-10-31']);
    expect(steps[0].flows).toEqual([
      { from: 'vip', to: 'vip', customers: 4, exposure: 400 },
      { from: 'standard', to: 'watch', customers: 2, exposure: 120 },
    ]);
    const grid = migrationGrid(steps[1]);
    expect(grid.tiers).toEqual(['vip', 'standard', 'watch', 'high_risk', 'unrated']);
    // watch (row 2) → high_risk (column 3): 1 customer, AR 90; unrated (4) → standard (1): 3.
    expect(grid.customers[2][3]).toBe(1);
    expect(grid.exposure[2][3]).toBe(90);
    expect(grid.customers[4][1]).toBe(3);
    expect(grid.customers.flat().reduce((a, b) => a + b, 0)).toBe(4);
    // The largest move leaves stays aside: 4 VIPs stayed, but the largest move in step 1 is 2.
    expect(largestMove(migrationGrid(steps[0]).customers)).toBe(2);
  });
});

describe('the risk matrix’s points', () => {
  test('customers with a score and a positive AR are placed, linked; the others are counted', () => {
    const { points, left } = riskPoints(
      [
        { customer_id: 'C1', name: 'Alpha', score: 80, tier: 'standard', ar: 1000, overdue: 100 },
        { customer_id: 'C2', name: 'Beta', score: null, tier: 'unrated', ar: 500, overdue: 0 },
        { customer_id: 'C3', name: 'Gamma', score: 40, tier: 'high_risk', ar: 0, overdue: 0 },
        { customer_id: 'C4', name: 'Delta', score: 55, tier: 'watch', ar: -20, overdue: 0 },
      ],
      (id) => `/customers/${id}`,
    );
    expect(points).toEqual([{ id: 'C1', name: 'Alpha', exposure: 1000, score: 80, overdue: 100, tier: 'standard', href: '/customers/C1' }]);
    expect(left).toBe(3);
  });
});

describe('the roll-rate grid', () => {
  const rows: RollRateRow[] = [
    { from: 'current', opening: 1500, to: { current: 0, '1-30': 800 / 1500, paid: 600 / 1500, credited: 100 / 1500, written_off: 0 } },
    { from: '1-30', opening: 0, to: { current: 0, '1-30': 0, paid: 0, credited: 0, written_off: 0 } },
  ];
  test('columns: the buckets a month later, then paid, credited, written off; an unobserved bucket is blank', () => {
    const grid = rollRateGrid(rows, (l) => `row ${l}`, (l) => `col ${l}`, (v) => v.toFixed(0));
    expect(grid.columns.map((c) => c.key)).toEqual(['current', '1-30', 'paid', 'credited', 'written_off']);
    expect(grid.columns.map((c) => c.group)).toEqual(['Bucket a month later', 'Bucket a month later', 'Closed within the month', 'Closed within the month', 'Closed within the month']);
    expect(grid.rows).toEqual([
      { key: 'current', label: 'row current', note: '1500' },
      { key: '1-30', label: 'row 1-30', note: '0' },
    ]);
    expect(grid.values[0]).toEqual([0, 800 / 1500, 600 / 1500, 100 / 1500, 0]);
    // Shares of an observed row add up to 1: (800 + 600 + 100) / 1500.
    expect(grid.values[0].reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeCloseTo(1, 12);
    expect(grid.values[1]).toEqual([null, null, null, null, null]);
  });
});
