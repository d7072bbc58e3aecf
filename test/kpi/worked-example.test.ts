/**
 * The worked example of spec/kpis.md, field by field (spec/interfaces.md `kpi --json`,
 * `aging --by customer --json`, and the aging summary), every number worked out by hand.
 *
 * Book (test/helpers/book.ts `workedExample`), base USD, one customer C1 (30-day terms, no limit):
 *   A 2024-01-05 due 2024-02-04 1000: paid 600 on 2024-02-10, paid 400 on 2024-03-20
 *   B 2024-02-01 due 2024-03-02  500: credit note 100 on 2024-03-01
 *   C 2024-03-15 due 2024-04-14  800
 *   D 2024-04-02 due 2024-05-02  300 (after D: not booked)
 * D = 2024-03-31, W = 90, S = D − 90 = 2024-01-01 (Mar 31 → Mar 1 = 30, → Feb 1 = 29, → Jan 1 = 31),
 * P = 2024-01-02 … 2024-03-31.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBook, workedExample } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import type { PortfolioKpis } from '../../src/lib/types.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { agingByCustomer, agingSummary } from '../../src/lib/server/aging.ts';
import { expectNulls } from './helpers.ts';

let db: Database;
beforeAll(async () => {
  db = await openBook(workedExample);
});
afterAll(async () => {
  await db?.close();
});

describe('worked example, portfolio KPIs as of 2024-03-31 (W = 90 by default)', () => {
  let k: PortfolioKpis;
  beforeAll(async () => {
    k = await portfolioKpis(db, { asOf: '2024-03-31' });
  });

  test('header fields', () => {
    expect(k.as_of).toBe('2024-03-31');
    expect(k.window_days).toBe(90); // the default W
    expect(k.currency).toBe('USD'); // base currency of the book
  });

  test('balances: open A 0, B 400, C 800; D not booked', () => {
    // open(A) = 1000 − 600 − 400 = 0; open(B) = 500 − 100 = 400; open(C) = 800; D dated after D.
    expect(k.ar).toBe(1200); // 400 + 800, unapplied 0
    // B: dpd = 2024-03-31 − 2024-03-02 = 29 → 1-30. C: dpd = 03-31 − 04-14 = −14 → current.
    expect(k.current).toBe(800);
    expect(k.overdue).toBe(400);
    expect(k.overdue_ratio).toBeCloseTo(400 / 1200, 9);
    expect(k.aging).toEqual({
      current: 800, '1-30': 400, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0,
    });
    expect(k.open_invoices).toBe(2); // B and C
    expect(k.customers_with_balance).toBe(1); // C1: 1200
    // AR(S), S = 2024-01-01: no invoice is dated on or before S.
    expect(k.ar_start).toBe(0);
  });

  test('flows in P', () => {
    // sales = A 1000 + B 500 + C 800 (all dated in P) − credit note 100 (2024-03-01, in P) = 2200
    expect(k.sales).toBe(2200);
    // collections = payments dated in P = 600 (2024-02-10) + 400 (2024-03-20) = 1000
    expect(k.collections).toBe(1000);
    expect(k.write_offs).toBe(0);
  });

  test('ratios', () => {
    expect(k.dso).toBeCloseTo((1200 / 2200) * 90, 9); // 49.0909…
    expect(k.best_possible_dso).toBeCloseTo((800 / 2200) * 90, 9); // 32.7272…
    expect(k.add).toBeCloseTo((1200 / 2200) * 90 - (800 / 2200) * 90, 9); // 16.3636…
    // cei = (AR(S) + sales − AR(D)) / (AR(S) + sales − current) × 100 = (0 + 2200 − 1200) / (0 + 2200 − 800) × 100
    expect(k.cei).toBeCloseTo((1000 / 1400) * 100, 9); // 71.4285…
    // turnover = 2200 / ((0 + 1200) / 2) × 365 / 90
    expect(k.turnover).toBeCloseTo((2200 / 600) * (365 / 90), 9); // 14.8703…
    // turnover_days = 365 / turnover = 600 / 2200 × 90
    expect(k.turnover_days).toBeCloseTo((600 / 2200) * 90, 9); // 24.5454…
    expect(k.bad_debt_rate).toBe(0); // 0 / 2200
  });

  test('countback DSO = 60', () => {
    // R = 1200. M0 = Mar 1–31 (31 days): net sales 800 − 100 = 700 ≤ 1200 → R = 500, days 31.
    // M1 = Feb 2024 (29 days): 500 ≤ 500 → R = 0, days 60. M2 = Jan: 1000 > 0 → + 0/1000 × 31, stop.
    expect(k.countback_dso).toBeCloseTo(31 + 29 + (0 / 1000) * 31, 9);
  });

  test('payment behaviour: only A settled in P (2024-03-20)', () => {
    // A: settle − due = 2024-03-20 − 2024-02-04 = 45 (Feb 4 → Mar 4 = 29 in a leap year, + 16)
    expect(k.dbt).toBeCloseTo(45, 9);
    // A: settle − invoice date = 2024-03-20 − 2024-01-05 = 31 + 29 + 15 = 75
    expect(k.days_to_pay).toBeCloseTo(75, 9);
    expect(k.on_time_rate).toBe(0); // 03-20 > 02-04: 0 of 1 on time
  });

  test('no KPI is null, so null_reasons is empty', () => {
    expectNulls(k, []);
  });
});

describe('worked example, aging', () => {
  test('aging by customer: one row for C1', async () => {
    const rows = await agingByCustomer(db, { asOf: '2024-03-31' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customer_id: 'C1',
      name: 'Customer C1',
      ar: 1200,
      current: 800,
      '1-30': 400,
      '31-60': 0,
      '61-90': 0,
      '91-120': 0,
      '120+': 0,
      unapplied: 0,
      overdue: 400,
      credit_limit: null,
      utilisation: null, // no credit limit
      dbt: 45, // only A settled in P, as for the portfolio
      days_to_pay: 75,
      on_time_rate: 0,
    });
  });

  test('aging summary, due basis (default)', async () => {
    const s = await agingSummary(db, { asOf: '2024-03-31' });
    expect(s.buckets).toEqual([
      { label: 'current', amount: 800, invoices: 1 }, // C
      { label: '1-30', amount: 400, invoices: 1 }, // B, dpd 29
      { label: '31-60', amount: 0, invoices: 0 },
      { label: '61-90', amount: 0, invoices: 0 },
      { label: '91-120', amount: 0, invoices: 0 },
      { label: '120+', amount: 0, invoices: 0 },
    ]);
    expect(s.unapplied).toBe(0);
    expect(s.ar).toBe(1200); // 800 + 400 + 0
  });

  test('aging summary, invoice-date basis', async () => {
    // age(B) = 2024-03-31 − 2024-02-01 = 29 + 30 = 59 → 31-60; age(C) = 03-31 − 03-15 = 16 → 0-30.
    const s = await agingSummary(db, { asOf: '2024-03-31', basis: 'invoice' });
    expect(s.buckets).toEqual([
      { label: '0-30', amount: 800, invoices: 1 },
      { label: '31-60', amount: 400, invoices: 1 },
      { label: '61-90', amount: 0, invoices: 0 },
      { label: '91-120', amount: 0, invoices: 0 },
      { label: '120+', amount: 0, invoices: 0 },
    ]);
    expect(s.unapplied).toBe(0);
    expect(s.ar).toBe(1200);
  });
});
