// The cross-filter engine on six invoices worked by hand: a view never filters itself, the summary
// applies every filter, and moving a brush (added/removed rows) gives the same sums as a recount.
import { describe, expect, test } from 'vitest';
import { CrossFilter, NULL_DAYS, type ViewBins } from '../../src/lib/explore/crossfilter.ts';
import { summarise } from '../../src/lib/explore/summary.ts';

const N = NULL_DAYS;
// row:                  r0      r1      r2     r3      r4      r5
const amountCents = [10_000, 25_000, 5_000, 40_000, 12_000, 8_000];
const daysToPay = [20, 45, N, 35, 60, N];
const daysBeyondTerms = [-10, 15, N, 5, 30, N];
const rows = { amountCents: Float64Array.from(amountCents), daysToPay: Int32Array.from(daysToPay), daysBeyondTerms: Int32Array.from(daysBeyondTerms) };
// View 0: days beyond terms, edges -10, 0, 10, 20, 30, 40 → r0 bin 0, r1 bin 2, r3 bin 1, r4 bin 4; open rows none.
// View 1: segment A = 0, B = 1, none = 2.
const views: ViewBins[] = [
  { size: 5, bin: Int32Array.from([0, 2, -1, 1, 4, -1]) },
  { size: 3, bin: Int32Array.from([0, 0, 1, 1, 2, 0]) },
];
const bins = (...pass: number[]) => ({ bins: Uint8Array.from(pass) });

describe('CrossFilter', () => {
  test('without filters every view counts every row it has a bin for', () => {
    const cf = new CrossFilter(rows, views);
    expect(Array.from(cf.aggregates[0].count)).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(cf.aggregates[1].count)).toEqual([3, 2, 1]);
    // A: 10,000 + 25,000 + 8,000 = 43,000; B: 5,000 + 40,000 = 45,000; none: 12,000.
    expect(Array.from(cf.aggregates[1].amountCents)).toEqual([43_000, 45_000, 12_000]);
    const s = summarise(cf.summary);
    expect(s.count).toBe(6);
    expect(s.amount).toBe(1000); // 100,000 cents
    expect(s.settled).toBe(4);
    // dbt = (10,000×0 + 25,000×15 + 40,000×5 + 12,000×30) / 87,000 = 935,000 / 87,000
    expect(s.dbt).toBeCloseTo(935_000 / 87_000, 12);
    // days to pay = (10,000×20 + 25,000×45 + 40,000×35 + 12,000×60) / 87,000 = 3,445,000 / 87,000
    expect(s.daysToPay).toBeCloseTo(3_445_000 / 87_000, 12);
    expect(s.onTimeRate).toBe(0.25); // only r0 paid by its due date
  });

  test('a brush filters the other views and the summary, not its own view', () => {
    const cf = new CrossFilter(rows, views);
    cf.setFilter(0, bins(0, 1, 1, 1, 0)); // days beyond terms in [0, 30): r1 (15), r3 (5)
    expect(Array.from(cf.aggregates[0].count)).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(cf.aggregates[1].count)).toEqual([1, 1, 0]);
    expect(Array.from(cf.aggregates[1].amountCents)).toEqual([25_000, 40_000, 0]);
    const s = summarise(cf.summary);
    expect(s.count).toBe(2);
    expect(s.amount).toBe(650);
    expect(s.dbt).toBeCloseTo((25_000 * 15 + 40_000 * 5) / 65_000, 12); // 8.846…
    expect(s.onTimeRate).toBe(0);
  });

  test('two filters: each view sees the other one only', () => {
    const cf = new CrossFilter(rows, views);
    cf.setFilter(0, bins(0, 1, 1, 1, 0));
    cf.setFilter(1, bins(1, 0, 0)); // segment A
    // View 0 under segment A: r0 (bin 0), r1 (bin 2); r5 is open, so in no bin.
    expect(Array.from(cf.aggregates[0].count)).toEqual([1, 0, 1, 0, 0]);
    expect(Array.from(cf.aggregates[1].count)).toEqual([1, 1, 0]);
    expect(cf.summary.count).toBe(1); // r1
    expect(cf.summary.amountCents).toBe(25_000);
  });

  test('moving a brush adds and removes rows and ends where a recount does', () => {
    const cf = new CrossFilter(rows, views);
    cf.setFilter(1, bins(1, 0, 0));
    cf.setFilter(0, bins(0, 1, 1, 1, 0));
    cf.setFilter(0, bins(1, 1, 0, 0, 0)); // moved to [-10, 10): r0, r3; with segment A only r0
    expect(cf.summary.count).toBe(1);
    expect(cf.summary.amountCents).toBe(10_000);
    expect(summarise(cf.summary).onTimeRate).toBe(1);
    expect(summarise(cf.summary).dbt).toBe(0);
    expect(Array.from(cf.aggregates[1].count)).toEqual([1, 1, 0]); // r0 (A), r3 (B)
    expect(Array.from(cf.aggregates[1].amountCents)).toEqual([10_000, 40_000, 0]);
    const moved = { summary: { ...cf.summary }, aggregates: cf.aggregates.map((a) => [Array.from(a.count), Array.from(a.amountCents)]) };
    cf.recount();
    expect({ summary: cf.summary, aggregates: cf.aggregates.map((a) => [Array.from(a.count), Array.from(a.amountCents)]) }).toEqual(moved);
  });

  test('clearing a filter restores the unfiltered counts', () => {
    const cf = new CrossFilter(rows, views);
    cf.setFilter(0, bins(0, 1, 1, 1, 0));
    cf.setFilter(0, null);
    expect(cf.summary.count).toBe(6);
    expect(Array.from(cf.aggregates[1].count)).toEqual([3, 2, 1]);
  });

  test('random brushes moved step by step always equal a recount', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const n = 2000;
    const r = {
      amountCents: Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 1e7)),
      daysToPay: Int32Array.from({ length: n }, () => (rand() < 0.2 ? N : Math.floor(rand() * 120))),
      daysBeyondTerms: new Int32Array(n),
    };
    for (let i = 0; i < n; i++) r.daysBeyondTerms[i] = r.daysToPay[i] === N ? N : r.daysToPay[i] - 30;
    const vs: ViewBins[] = [20, 7, 4].map((size) => ({ size, bin: Int32Array.from({ length: n }, () => Math.floor(rand() * (size + 1)) - 1) }));
    const cf = new CrossFilter(r, vs);
    cf.setFilter(2, bins(1, 0, 1, 1));
    const pass = (lo: number, hi: number) => Uint8Array.from({ length: 20 }, (_, b) => (b >= lo && b < hi ? 1 : 0));
    cf.setFilter(0, { bins: pass(2, 5) });
    for (let step = 0; step < 15; step++) {
      const lo = Math.floor(rand() * 19);
      cf.setFilter(0, { bins: pass(lo, lo + 1 + Math.floor(rand() * (20 - lo))) });
    }
    const snapshot = JSON.stringify({ s: cf.summary, a: cf.aggregates.map((a) => [Array.from(a.count), Array.from(a.amountCents)]) });
    cf.recount();
    expect(JSON.stringify({ s: cf.summary, a: cf.aggregates.map((a) => [Array.from(a.count), Array.from(a.amountCents)]) })).toBe(snapshot);
  });
});
