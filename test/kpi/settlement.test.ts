/**
 * Payment behaviour of invoices settled in P (dbt, days_to_pay, on_time_rate) and dpd across
 * 29 February. Hand-computed from spec/kpis.md.
 *
 * Base USD, customer C1, D = 2024-06-30, W = 90, S = 2024-04-01, P = Apr 2 … Jun 30 unless stated.
 * dbt = Σ amount × max(0, settle − due) / Σ amount; days_to_pay = Σ amount × (settle − invoice_date) / Σ amount;
 * on_time_rate = count(settle ≤ due) / count; amount = the invoice's amount.
 */
import { describe, expect, test } from 'vitest';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { agingSummary } from '../../src/lib/server/aging.ts';
import { withBook, expectNulls } from './helpers.ts';

const D = '2024-06-30';

describe('settled invoices', () => {
  test('settled on the due date is on time; one day late is not', async () => {
    // I1 2024-05-01 due 05-31 1000 paid 05-31 (dbt 0, 30 days). I2 2024-05-01 due 05-31 3000 paid 06-01 (dbt 1, 31 days).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 3000 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'I2', payment_date: '2024-06-01', amount: 3000 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.dbt).toBeCloseTo((1000 * 0 + 3000 * 1) / 4000, 9); // 0.75
    expect(k.days_to_pay).toBeCloseTo((1000 * 30 + 3000 * 31) / 4000, 9); // 30.75
    expect(k.on_time_rate).toBeCloseTo(1 / 2, 9);
  });

  test('settled by a credit note, by a write-off, and by a discount plus cash', async () => {
    // I1 2024-05-01 due 05-31 1000: paid 600 on 05-20, credit note 400 on 06-10 → settled 06-10 (dbt 10, 40 days).
    // I2 2024-05-15 due 06-14 500: written off 500 on 06-14 → settled 06-14 (dbt 0, 30 days, on time).
    // I3 2024-05-20 due 06-19 200: discount 20 on 06-01, paid 180 on 06-25 → settled 06-25 (dbt 6, 36 days).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-05-15', due_date: '2024-06-14', amount: 500 },
          { invoice_id: 'I3', invoice_date: '2024-05-20', due_date: '2024-06-19', amount: 200 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-05-20', amount: 600 },
          { invoice_id: 'I3', payment_date: '2024-06-25', amount: 180 },
        ],
        adjustments: [
          { invoice_id: 'I1', date: '2024-06-10', amount: 400, kind: 'credit_note' },
          { invoice_id: 'I2', date: '2024-06-14', amount: 500, kind: 'write_off' },
          { invoice_id: 'I3', date: '2024-06-01', amount: 20, kind: 'discount' },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.dbt).toBeCloseTo((1000 * 10 + 500 * 0 + 200 * 6) / 1700, 9);
    expect(k.days_to_pay).toBeCloseTo((1000 * 40 + 500 * 30 + 200 * 36) / 1700, 9);
    expect(k.on_time_rate).toBeCloseTo(1 / 3, 9);
    expect(k.ar).toBe(0);
    expect(k.sales).toBe(1300); // 1000 + 500 + 200 − credit note 400
    expect(k.collections).toBe(780); // 600 + 180
    expect(k.write_offs).toBe(500);
    expect(k.bad_debt_rate).toBeCloseTo(500 / 1300, 9);
    expect(k.cei).toBeCloseTo(((0 + 1300 - 0) / (0 + 1300 - 0)) * 100, 9); // 100
    expect(k.countback_dso).toBe(0); // AR(D) = 0
    expectNulls(k, ['overdue_ratio', 'turnover', 'turnover_days']); // AR(D) = AR(S) = 0
  });

  test('settled exactly at S is outside P; settled exactly at D is inside', async () => {
    // I1 2024-03-01 due 03-31 500, paid 500 on 2024-04-01 (= S). I2 2024-05-01 due 05-31 800, paid 800 on 06-30 (= D).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: 500 },
          { invoice_id: 'I2', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 800 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-04-01', amount: 500 },
          { invoice_id: 'I2', payment_date: '2024-06-30', amount: 800 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    // only I2: dbt = 06-30 − 05-31 = 30, days_to_pay = 06-30 − 05-01 = 60, late
    expect(k.dbt).toBeCloseTo(30, 9);
    expect(k.days_to_pay).toBeCloseTo(60, 9);
    expect(k.on_time_rate).toBe(0);
    expect(k.collections).toBe(800); // the payment at S is outside P
    expect(k.ar_start).toBe(0); // I1 paid by S
    expect(k.sales).toBe(800);
    expect(k.ar).toBe(0);
  });

  test('on_time_rate counts invoices (not amounts); an invoice short by a cent is not settled', async () => {
    // I1 05-01 due 05-31 100 paid 05-25 (on time, 24 days). I2 05-10 due 06-09 100 paid 06-09 (on time, 30 days).
    // I3 05-10 due 06-09 10000 paid 06-19 (10 late, 40 days). I4 06-01 due 07-01 100 paid 06-02 (on time, 1 day).
    // I5 05-01 due 05-31 5000 paid 4999.99 on 06-01: open 0.01, not settled.
    const [k, s] = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 100 },
          { invoice_id: 'I2', invoice_date: '2024-05-10', due_date: '2024-06-09', amount: 100 },
          { invoice_id: 'I3', invoice_date: '2024-05-10', due_date: '2024-06-09', amount: 10000 },
          { invoice_id: 'I4', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 100 },
          { invoice_id: 'I5', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 5000 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-05-25', amount: 100 },
          { invoice_id: 'I2', payment_date: '2024-06-09', amount: 100 },
          { invoice_id: 'I3', payment_date: '2024-06-19', amount: 10000 },
          { invoice_id: 'I4', payment_date: '2024-06-02', amount: 100 },
          { invoice_id: 'I5', payment_date: '2024-06-01', amount: '4999.99' },
        ],
      },
      async (db) => [await portfolioKpis(db, { asOf: D }), await agingSummary(db, { asOf: D })] as const,
    );
    expect(k.on_time_rate).toBeCloseTo(3 / 4, 9);
    expect(k.dbt).toBeCloseTo((100 * 0 + 100 * 0 + 10000 * 10 + 100 * 0) / 10300, 9);
    expect(k.days_to_pay).toBeCloseTo((100 * 24 + 100 * 30 + 10000 * 40 + 100 * 1) / 10300, 9);
    // I5: open 0.01, dpd 30 → 1-30
    expect(k.ar).toBe(0.01);
    expect(k.aging['1-30']).toBe(0.01);
    expect(k.open_invoices).toBe(1);
    expect(s.buckets[1]).toEqual({ label: '1-30', amount: 0.01, invoices: 1 });
  });

  test('an invoice still open is not settled even when paid after D', async () => {
    // I1 2024-05-01 due 05-31 1000 paid 07-01 (after D). Nothing settled in P.
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 }],
        payments: [{ invoice_id: 'I1', payment_date: '2024-07-01', amount: 1000 }],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.ar).toBe(1000);
    expectNulls(k, ['dbt', 'days_to_pay', 'on_time_rate']);
  });
});

describe('leap days', () => {
  test('dpd across 29 February 2024', async () => {
    // D = 2024-03-01, W = 90: S = 2023-12-02, P = 2023-12-03 … 2024-03-01 (L1–L3 are dated 2023-12-15, in P).
    // L1 due 2024-02-28 100 → dpd 2 (Feb 29 counts); L2 due 01-31 200 → dpd 30; L3 due 01-30 400 → dpd 31.
    // L4 2024-01-29 due 02-28 1000, paid 1000 on 03-01 (= D): dbt 2, days_to_pay = 2 + 29 + 1 = 32.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'L1', invoice_date: '2023-12-15', due_date: '2024-02-28', amount: 100 },
          { invoice_id: 'L2', invoice_date: '2023-12-15', due_date: '2024-01-31', amount: 200 },
          { invoice_id: 'L3', invoice_date: '2023-12-15', due_date: '2024-01-30', amount: 400 },
          { invoice_id: 'L4', invoice_date: '2024-01-29', due_date: '2024-02-28', amount: 1000 },
        ],
        payments: [{ invoice_id: 'L4', payment_date: '2024-03-01', amount: 1000 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-03-01' }),
    );
    expect(k.aging).toEqual({ current: 0, '1-30': 100 + 200, '31-60': 400, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.dbt).toBeCloseTo(2, 9);
    expect(k.days_to_pay).toBeCloseTo(32, 9);
    expect(k.on_time_rate).toBe(0);
    expect(k.sales).toBe(1700); // all four dated in P (Dec 3 … Mar 1)
  });

  test('the same due dates one year earlier (no 29 February)', async () => {
    // D = 2023-03-01. due 2023-02-28 → dpd 1; 01-31 → 29; 01-30 → 30 (all 1-30).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'L1', invoice_date: '2022-12-15', due_date: '2023-02-28', amount: 100 },
          { invoice_id: 'L2', invoice_date: '2022-12-15', due_date: '2023-01-31', amount: 200 },
          { invoice_id: 'L3', invoice_date: '2022-12-15', due_date: '2023-01-30', amount: 400 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: '2023-03-01' }),
    );
    expect(k.aging).toEqual({ current: 0, '1-30': 700, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
  });
});
