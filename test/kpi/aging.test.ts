/**
 * Aging: bucket edges, custom edges, invoice-date basis, per-customer rows (ordering,
 * utilisation, overdue always by due date) and customer filters. Hand-computed from spec/kpis.md.
 *
 * Base USD, D = 2024-06-30 unless stated. Due dates are written so that dpd = D − due is exact:
 *   due 2024-07-05 → −5, 06-30 → 0, 06-29 → 1, 05-31 → 30, 05-30 → 31, 05-01 → 60, 04-30 → 61,
 *   04-01 → 90, 03-31 → 91, 03-02 → 120, 03-01 → 121, 01-02 → 180, 01-01 → 181,
 *   2023-07-06 → 360 (2023-06-30 → 2024-06-30 is 366 days, Feb 29 2024 included), 2023-07-05 → 361.
 */
import { describe, expect, test } from 'vitest';
import type { BookInvoice } from '../helpers/book.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { agingByCustomer, agingSummary } from '../../src/lib/server/aging.ts';
import { withBook } from './helpers.ts';

const D = '2024-06-30';

/** An invoice of `amount` due on `due`, dated early enough to be before every due date used. */
const inv = (id: string, due: string, amount: number, customer_id?: string): BookInvoice => ({
  invoice_id: id, customer_id, invoice_date: '2023-06-01', due_date: due, amount,
});

describe('aging buckets, due basis', () => {
  // Amounts are powers of two so that every bucket's sum names its invoices.
  const edgeBook = {
    invoices: [
      inv('m5', '2024-07-05', 1024), // dpd −5
      inv('d0', '2024-06-30', 1), // dpd 0
      inv('d1', '2024-06-29', 2), // dpd 1
      inv('d30', '2024-05-31', 4), // dpd 30
      inv('d31', '2024-05-30', 8), // dpd 31
      inv('d60', '2024-05-01', 16), // dpd 60
      inv('d61', '2024-04-30', 32), // dpd 61
      inv('d90', '2024-04-01', 64), // dpd 90
      inv('d91', '2024-03-31', 128), // dpd 91
      inv('d120', '2024-03-02', 256), // dpd 120
      inv('d121', '2024-03-01', 512), // dpd 121
    ],
  };

  test('edges at 0, 1, 30, 31, 60, 61, 90, 91, 120, 121 dpd (portfolio)', async () => {
    const k = await withBook(edgeBook, (db) => portfolioKpis(db, { asOf: D }));
    expect(k.aging).toEqual({
      current: 1024 + 1, // dpd −5 and 0
      '1-30': 2 + 4, // dpd 1 and 30
      '31-60': 8 + 16, // dpd 31 and 60
      '61-90': 32 + 64, // dpd 61 and 90
      '91-120': 128 + 256, // dpd 91 and 120
      '120+': 512, // dpd 121
      unapplied: 0,
    });
    expect(k.ar).toBe(2047); // 2^11 − 1
    expect(k.current).toBe(1025);
    expect(k.overdue).toBe(2047 - 1025); // 1022
    expect(k.overdue_ratio).toBeCloseTo(1022 / 2047, 9);
    expect(k.open_invoices).toBe(11);
  });

  test('edges at 0, 1, 30, 31, 60, 61, 90, 91, 120, 121 dpd (summary, with counts)', async () => {
    const s = await withBook(edgeBook, (db) => agingSummary(db, { asOf: D, basis: 'due' }));
    expect(s.buckets).toEqual([
      { label: 'current', amount: 1025, invoices: 2 },
      { label: '1-30', amount: 6, invoices: 2 },
      { label: '31-60', amount: 24, invoices: 2 },
      { label: '61-90', amount: 96, invoices: 2 },
      { label: '91-120', amount: 384, invoices: 2 },
      { label: '120+', amount: 512, invoices: 1 },
    ]);
    expect(s.unapplied).toBe(0);
    expect(s.ar).toBe(2047);
  });

  const longBook = {
    invoices: [
      inv('d0', '2024-06-30', 1), // dpd 0
      inv('d120', '2024-03-02', 2), // dpd 120
      inv('d121', '2024-03-01', 4), // dpd 121
      inv('d180', '2024-01-02', 8), // dpd 180
      inv('d181', '2024-01-01', 16), // dpd 181
      inv('d360', '2023-07-06', 32), // dpd 360
      inv('d361', '2023-07-05', 64), // dpd 361
    ],
  };

  test('custom edges 30, 60, 90, 120, 180, 360', async () => {
    const edges = [30, 60, 90, 120, 180, 360];
    const [k, s] = await withBook(longBook, async (db) => [
      await portfolioKpis(db, { asOf: D, buckets: edges }),
      await agingSummary(db, { asOf: D, buckets: edges }),
    ] as const);
    expect(k.aging).toEqual({
      current: 1,
      '1-30': 0,
      '31-60': 0,
      '61-90': 0,
      '91-120': 2, // dpd 120
      '121-180': 4 + 8, // dpd 121 and 180
      '181-360': 16 + 32, // dpd 181 and 360
      '360+': 64, // dpd 361
      unapplied: 0,
    });
    expect(k.ar).toBe(127);
    expect(k.current).toBe(1);
    expect(k.overdue).toBe(126);
    expect(s.buckets).toEqual([
      { label: 'current', amount: 1, invoices: 1 },
      { label: '1-30', amount: 0, invoices: 0 },
      { label: '31-60', amount: 0, invoices: 0 },
      { label: '61-90', amount: 0, invoices: 0 },
      { label: '91-120', amount: 2, invoices: 1 },
      { label: '121-180', amount: 12, invoices: 2 },
      { label: '181-360', amount: 48, invoices: 2 },
      { label: '360+', amount: 64, invoices: 1 },
    ]);
    expect(s.ar).toBe(127);
  });

  test('the same book with the default edges puts everything past 120 dpd in 120+', async () => {
    const k = await withBook(longBook, (db) => portfolioKpis(db, { asOf: D }));
    expect(k.aging).toEqual({
      current: 1, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 2, '120+': 4 + 8 + 16 + 32 + 64, unapplied: 0,
    });
  });
});

describe('aging buckets, invoice-date basis', () => {
  // age = D − invoice_date; due = invoice date + 30 (book default), so dpd = age − 30.
  const ageBook = {
    invoices: [
      { invoice_id: 'a0', invoice_date: '2024-06-30', amount: 1 }, // age 0
      { invoice_id: 'a30', invoice_date: '2024-05-31', amount: 2 }, // age 30 (dpd 0)
      { invoice_id: 'a31', invoice_date: '2024-05-30', amount: 4 }, // age 31 (dpd 1)
      { invoice_id: 'a60', invoice_date: '2024-05-01', amount: 8 }, // age 60
      { invoice_id: 'a61', invoice_date: '2024-04-30', amount: 16 }, // age 61
      { invoice_id: 'a90', invoice_date: '2024-04-01', amount: 32 }, // age 90
      { invoice_id: 'a91', invoice_date: '2024-03-31', amount: 64 }, // age 91
      { invoice_id: 'a120', invoice_date: '2024-03-02', amount: 128 }, // age 120
      { invoice_id: 'a121', invoice_date: '2024-03-01', amount: 256 }, // age 121
    ],
    payments: [{ customer_id: 'C1', invoice_id: null, payment_date: '2024-06-01', amount: 11 }],
  };

  test('summary: 0-30, 31-60, 61-90, 91-120, 120+ by age, unapplied beside', async () => {
    const s = await withBook(ageBook, (db) => agingSummary(db, { asOf: D, basis: 'invoice' }));
    expect(s.buckets).toEqual([
      { label: '0-30', amount: 1 + 2, invoices: 2 },
      { label: '31-60', amount: 4 + 8, invoices: 2 },
      { label: '61-90', amount: 16 + 32, invoices: 2 },
      { label: '91-120', amount: 64 + 128, invoices: 2 },
      { label: '120+', amount: 256, invoices: 1 },
    ]);
    expect(s.unapplied).toBe(-11);
    expect(s.ar).toBe(511 - 11); // 500
  });

  test('by customer on invoice basis: invoice-basis buckets, but overdue by due date', async () => {
    const rows = await withBook(ageBook, (db) => agingByCustomer(db, { asOf: D, basis: 'invoice' }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customer_id: 'C1',
      ar: 500,
      '0-30': 3,
      '31-60': 12,
      '61-90': 48,
      '91-120': 192,
      '120+': 256,
      unapplied: -11,
      // overdue on due basis: dpd = age − 30 > 0 for every invoice but a0 (dpd −30) and a30 (dpd 0)
      overdue: 511 - 1 - 2,
    });
  });
});

describe('aging by customer', () => {
  // C1 (limit 1000): 400 current. C2 (limit 500): 900 at dpd 45. C3 (no limit): 600 at dpd 10, unapplied 100.
  // C4 (limit 2000): nothing. C5: 300 paid in full (settled 06-05 in P).
  const book = {
    customers: [
      { customer_id: 'C1', name: 'Alpha', credit_limit: 1000 },
      { customer_id: 'C2', name: 'Bravo', credit_limit: 500 },
      { customer_id: 'C3', name: 'Charlie' },
      { customer_id: 'C4', name: 'Delta', credit_limit: 2000 },
      { customer_id: 'C5', name: 'Echo' },
    ],
    invoices: [
      { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 400 },
      { invoice_id: 'I2', customer_id: 'C2', invoice_date: '2024-04-16', due_date: '2024-05-16', amount: 900 },
      { invoice_id: 'I3', customer_id: 'C3', invoice_date: '2024-05-21', due_date: '2024-06-20', amount: 600 },
      { invoice_id: 'I5', customer_id: 'C5', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 300 },
    ],
    payments: [
      { customer_id: 'C3', invoice_id: null, payment_date: '2024-06-01', amount: 100 },
      { invoice_id: 'I5', payment_date: '2024-06-05', amount: 300 },
    ],
  };

  test('rows: largest ar first, zero balances left out, utilisation = ar / limit', async () => {
    const rows = await withBook(book, (db) => agingByCustomer(db, { asOf: D }));
    // ar: C2 900, C3 600 − 100 = 500, C1 400; C4 and C5 are 0
    expect(rows.map((r) => r.customer_id)).toEqual(['C2', 'C3', 'C1']);
    expect(rows[0]).toMatchObject({
      customer_id: 'C2', name: 'Bravo', ar: 900, current: 0, '1-30': 0, '31-60': 900, '61-90': 0,
      '91-120': 0, '120+': 0, unapplied: 0, overdue: 900, credit_limit: 500,
      dbt: null, days_to_pay: null, on_time_rate: null,
    });
    expect(rows[0].utilisation).toBeCloseTo(900 / 500, 9); // 1.8, over the limit
    expect(rows[1]).toMatchObject({
      customer_id: 'C3', name: 'Charlie', ar: 500, current: 0, '1-30': 600, '31-60': 0,
      unapplied: -100, overdue: 600, credit_limit: null, utilisation: null,
    });
    expect(rows[2]).toMatchObject({
      customer_id: 'C1', name: 'Alpha', ar: 400, current: 400, '1-30': 0, unapplied: 0, overdue: 0, credit_limit: 1000,
    });
    expect(rows[2].utilisation).toBeCloseTo(400 / 1000, 9);
  });

  test('the portfolio of the same book', async () => {
    const k = await withBook(book, (db) => portfolioKpis(db, { asOf: D }));
    expect(k.ar).toBe(1800); // 900 + 500 + 400
    expect(k.customers_with_balance).toBe(3); // C1, C2, C3
    expect(k.open_invoices).toBe(3); // I1, I2, I3
    // C5's I5 is the only invoice settled in P: dbt = 06-05 − 05-31 = 5, days_to_pay = 06-05 − 05-01 = 35
    expect(k.dbt).toBeCloseTo(5, 9);
    expect(k.days_to_pay).toBeCloseTo(35, 9);
    expect(k.on_time_rate).toBe(0);
  });

  test('per-customer dbt, days_to_pay and on_time_rate over the customer’s own invoices', async () => {
    // C1: J1 2024-05-01 due 05-31 1000 paid 05-31 (on time, 30 days); J2 2024-05-01 due 05-31 3000
    //     paid 06-01 (1 day late, 31 days); J3 2024-06-01 due 07-01 500 open.
    // C2: K1 2024-04-10 due 05-10 200 paid 05-20 (10 late, 40 days); K2 2024-06-10 due 07-10 100 open.
    const rows = await withBook(
      {
        customers: [{ customer_id: 'C1' }, { customer_id: 'C2' }],
        invoices: [
          { invoice_id: 'J1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'J2', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 3000 },
          { invoice_id: 'J3', customer_id: 'C1', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 500 },
          { invoice_id: 'K1', customer_id: 'C2', invoice_date: '2024-04-10', due_date: '2024-05-10', amount: 200 },
          { invoice_id: 'K2', customer_id: 'C2', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 100 },
        ],
        payments: [
          { invoice_id: 'J1', payment_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'J2', payment_date: '2024-06-01', amount: 3000 },
          { invoice_id: 'K1', payment_date: '2024-05-20', amount: 200 },
        ],
      },
      (db) => agingByCustomer(db, { asOf: D, windowDays: 90 }),
    );
    expect(rows.map((r) => r.customer_id)).toEqual(['C1', 'C2']); // 500, 100
    expect(rows[0].dbt).toBeCloseTo((1000 * 0 + 3000 * 1) / 4000, 9); // 0.75
    expect(rows[0].days_to_pay).toBeCloseTo((1000 * 30 + 3000 * 31) / 4000, 9); // 30.75
    expect(rows[0].on_time_rate).toBeCloseTo(1 / 2, 9);
    expect(rows[1].dbt).toBeCloseTo(10, 9);
    expect(rows[1].days_to_pay).toBeCloseTo(40, 9);
    expect(rows[1].on_time_rate).toBe(0);
  });
});

describe('customer filters', () => {
  // C1 Enterprise/North 100, C2 SMB/North 200, C3 Enterprise/South 400; all dated 06-10, due 07-10 (current).
  const book = {
    customers: [
      { customer_id: 'C1', segment: 'Enterprise', region: 'North' },
      { customer_id: 'C2', segment: 'SMB', region: 'North' },
      { customer_id: 'C3', segment: 'Enterprise', region: 'South' },
    ],
    invoices: [
      { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 100 },
      { invoice_id: 'I2', customer_id: 'C2', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 200 },
      { invoice_id: 'I3', customer_id: 'C3', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 400 },
    ],
  };

  test('portfolio KPIs by segment, region, both, and customer', async () => {
    const [ent, north, entSouth, c2, none] = await withBook(book, async (db) => [
      await portfolioKpis(db, { asOf: D, filter: { segment: 'Enterprise' } }),
      await portfolioKpis(db, { asOf: D, filter: { region: 'North' } }),
      await portfolioKpis(db, { asOf: D, filter: { segment: 'Enterprise', region: 'South' } }),
      await portfolioKpis(db, { asOf: D, filter: { customer_id: 'C2' } }),
      await portfolioKpis(db, { asOf: D, filter: { segment: 'SMB', region: 'South' } }),
    ] as const);
    expect(ent.ar).toBe(500); // C1 100 + C3 400
    expect(ent.sales).toBe(500);
    expect(ent.customers_with_balance).toBe(2);
    expect(ent.dso).toBeCloseTo((500 / 500) * 90, 9);
    expect(north.ar).toBe(300); // C1 100 + C2 200
    expect(north.customers_with_balance).toBe(2);
    expect(entSouth.ar).toBe(400); // C3
    expect(entSouth.open_invoices).toBe(1);
    expect(c2.ar).toBe(200);
    expect(c2.sales).toBe(200);
    expect(none.ar).toBe(0); // nobody is SMB in the South
    expect(none.sales).toBe(0);
    expect(none.customers_with_balance).toBe(0);
    expect(none.dso).toBeNull();
  });

  test('aging by customer and summary with a filter', async () => {
    const [rows, s] = await withBook(book, async (db) => [
      await agingByCustomer(db, { asOf: D, filter: { segment: 'Enterprise' } }),
      await agingSummary(db, { asOf: D, filter: { region: 'North' } }),
    ] as const);
    expect(rows.map((r) => [r.customer_id, r.ar])).toEqual([['C3', 400], ['C1', 100]]);
    expect(s.ar).toBe(300);
    expect(s.buckets[0]).toEqual({ label: 'current', amount: 300, invoices: 2 });
  });
});
