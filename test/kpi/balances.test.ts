/**
 * Balances at D: partial payments, overpayment, unapplied cash, events after D, zero and credit
 * balances, exact cents. Hand-computed from spec/kpis.md.
 *
 * Unless stated: base USD, customer C1 (30-day terms, no limit), D = 2024-06-30, W = 90,
 * S = 2024-04-01 (Jun 30 → May 31 = 30, → Apr 30 = 31, → Apr 1 = 29: 90 days), P = Apr 2 … Jun 30.
 * M0 = June 1–30 (30 days), M1 = May (31), M2 = April (30), M3 = March (31).
 */
import { describe, expect, test } from 'vitest';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { agingByCustomer, agingSummary } from '../../src/lib/server/aging.ts';
import { withBook, expectNulls } from './helpers.ts';

const D = '2024-06-30';

describe('balances at D', () => {
  test('partial payments, one dated after D', async () => {
    // I1 2024-05-01 due 05-31 1000; paid 250 on 05-20, 150 on 06-10, 100 on 07-05 (after D).
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 }],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-05-20', amount: 250 },
          { invoice_id: 'I1', payment_date: '2024-06-10', amount: 150 },
          { invoice_id: 'I1', payment_date: '2024-07-05', amount: 100 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D, windowDays: 90 }),
    );
    // open = 1000 − 250 − 150 = 600; dpd = Jun 30 − May 31 = 30 → 1-30 (upper edge inclusive)
    expect(k.ar).toBe(600);
    expect(k.aging).toEqual({ current: 0, '1-30': 600, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.current).toBe(0);
    expect(k.overdue).toBe(600);
    expect(k.overdue_ratio).toBeCloseTo(600 / 600, 9);
    expect(k.sales).toBe(1000);
    expect(k.collections).toBe(400); // 250 + 150; the 07-05 payment is after D
    expect(k.ar_start).toBe(0); // I1 dated after S
    expect(k.dso).toBeCloseTo((600 / 1000) * 90, 9); // 54
    expect(k.best_possible_dso).toBeCloseTo((0 / 1000) * 90, 9); // 0
    expect(k.add).toBeCloseTo(54 - 0, 9);
    expect(k.cei).toBeCloseTo(((0 + 1000 - 600) / (0 + 1000 - 0)) * 100, 9); // 40
    expect(k.turnover).toBeCloseTo((1000 / ((0 + 600) / 2)) * (365 / 90), 9);
    expect(k.turnover_days).toBeCloseTo((300 / 1000) * 90, 9); // 27
    // countback: R = 600; June s = 0 → days 30; May s = 1000 > 600 → + 600/1000 × 31 = 18.6
    expect(k.countback_dso).toBeCloseTo(30 + (600 / 1000) * 31, 9);
    expect(k.open_invoices).toBe(1);
    expect(k.customers_with_balance).toBe(1);
    // nothing settled by D (the last 100 comes on 07-05)
    expectNulls(k, ['dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('overpayment: the negative open goes to unapplied, AR still nets', async () => {
    // I1 2024-05-01 due 05-31 500, paid 700 on 06-15. I2 2024-06-10 due 07-10 300, open.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 500 },
          { invoice_id: 'I2', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 300 },
        ],
        payments: [{ invoice_id: 'I1', payment_date: '2024-06-15', amount: 700 }],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    // open(I1) = 500 − 700 = −200 → unapplied −200; I2 dpd = −10 → current 300
    expect(k.aging).toEqual({ current: 300, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: -200 });
    expect(k.ar).toBe(100); // 300 − 200
    expect(k.current).toBe(300);
    expect(k.overdue).toBe(0);
    expect(k.overdue_ratio).toBeCloseTo(0 / 100, 9);
    expect(k.open_invoices).toBe(1); // only I2 has open > 0
    expect(k.customers_with_balance).toBe(1);
    expect(k.sales).toBe(800);
    expect(k.collections).toBe(700);
    expect(k.dso).toBeCloseTo((100 / 800) * 90, 9); // 11.25
    expect(k.best_possible_dso).toBeCloseTo((300 / 800) * 90, 9); // 33.75
    expect(k.add).toBeCloseTo(11.25 - 33.75, 9); // −22.5: ADD may be negative with unapplied cash
    expect(k.cei).toBeCloseTo(((0 + 800 - 100) / (0 + 800 - 300)) * 100, 9); // 140
    expect(k.turnover).toBeCloseTo((800 / (100 / 2)) * (365 / 90), 9);
    // I1 settled 06-15 (paid ≥ amount): dbt = 06-15 − 05-31 = 15, days_to_pay = 06-15 − 05-01 = 45
    expect(k.dbt).toBeCloseTo(15, 9);
    expect(k.days_to_pay).toBeCloseTo(45, 9);
    expect(k.on_time_rate).toBe(0);
    // countback: R = 100; June s = 300 > 100 → 100/300 × 30 = 10
    expect(k.countback_dso).toBeCloseTo((100 / 300) * 30, 9);
  });

  test('unapplied cash, and unapplied cash after D ignored; CEI with a zero denominator is null', async () => {
    // I1 2024-06-01 due 07-01 400. Unapplied 150 on 06-20, unapplied 50 on 07-02 (after D).
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 400 }],
        payments: [
          { customer_id: 'C1', invoice_id: null, payment_date: '2024-06-20', amount: 150 },
          { customer_id: 'C1', invoice_id: null, payment_date: '2024-07-02', amount: 50 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.aging).toEqual({ current: 400, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: -150 });
    expect(k.ar).toBe(250); // 400 − 150
    expect(k.collections).toBe(150);
    expect(k.sales).toBe(400);
    expect(k.dso).toBeCloseTo((250 / 400) * 90, 9); // 56.25
    expect(k.best_possible_dso).toBeCloseTo((400 / 400) * 90, 9); // 90
    expect(k.add).toBeCloseTo(56.25 - 90, 9);
    // CEI denominator = AR(S) + sales − current = 0 + 400 − 400 = 0 → null
    expect(k.turnover).toBeCloseTo((400 / (250 / 2)) * (365 / 90), 9);
    expect(k.turnover_days).toBeCloseTo((125 / 400) * 90, 9);
    // countback: R = 250; June s = 400 > 250 → 250/400 × 30 = 18.75
    expect(k.countback_dso).toBeCloseTo((250 / 400) * 30, 9);
    expect(k.open_invoices).toBe(1);
    expect(k.customers_with_balance).toBe(1);
    expectNulls(k, ['cei', 'dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('payments, credit notes, unapplied cash and invoices dated after D are ignored', async () => {
    // D = 2024-03-31, S = 2024-01-01.
    // I0 2024-02-10 due 03-11 100, paid 100 on 02-20 (settled in P, on time).
    // I1 2024-03-01 due 03-31 1000, paid 1000 on 04-01 (after D).
    // I2 2024-03-10 due 04-09 500, credit note 200 on 04-05 (after D).
    // I3 2024-04-01 700 (after D: not booked). Unapplied 50 on 04-02 (after D).
    const book = {
      invoices: [
        { invoice_id: 'I0', invoice_date: '2024-02-10', due_date: '2024-03-11', amount: 100 },
        { invoice_id: 'I1', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: 1000 },
        { invoice_id: 'I2', invoice_date: '2024-03-10', due_date: '2024-04-09', amount: 500 },
        { invoice_id: 'I3', invoice_date: '2024-04-01', due_date: '2024-05-01', amount: 700 },
      ],
      payments: [
        { invoice_id: 'I0', payment_date: '2024-02-20', amount: 100 },
        { invoice_id: 'I1', payment_date: '2024-04-01', amount: 1000 },
        { customer_id: 'C1', invoice_id: null, payment_date: '2024-04-02', amount: 50 },
      ],
      adjustments: [{ invoice_id: 'I2', date: '2024-04-05', amount: 200, kind: 'credit_note' as const }],
    };
    const [k, s] = await withBook(book, async (db) => [
      await portfolioKpis(db, { asOf: '2024-03-31' }),
      await agingSummary(db, { asOf: '2024-03-31' }),
    ] as const);
    // I1 dpd = 0 (due on D) → current; I2 dpd = −9 → current
    expect(k.ar).toBe(1500); // 1000 + 500
    expect(k.current).toBe(1500);
    expect(k.overdue).toBe(0);
    expect(k.aging.unapplied).toBe(0);
    expect(k.sales).toBe(1600); // I0 100 + I1 1000 + I2 500; I3 and the credit note are after D
    expect(k.collections).toBe(100); // only the 02-20 payment
    expect(k.open_invoices).toBe(2);
    expect(k.dso).toBeCloseTo((1500 / 1600) * 90, 9);
    expect(k.best_possible_dso).toBeCloseTo((1500 / 1600) * 90, 9);
    expect(k.add).toBeCloseTo(0, 9);
    expect(k.cei).toBeCloseTo(((0 + 1600 - 1500) / (0 + 1600 - 1500)) * 100, 9); // 100
    expect(k.turnover).toBeCloseTo((1600 / (1500 / 2)) * (365 / 90), 9);
    // countback: R = 1500; March s = 1500 → R = 0, days 31; Feb s = 100 > 0 → + 0, stop
    expect(k.countback_dso).toBeCloseTo(31 + (0 / 100) * 29, 9);
    // settled in P: only I0 (I1 settles 04-01, after D): dbt 0, days_to_pay 02-20 − 02-10 = 10
    expect(k.dbt).toBeCloseTo(0, 9);
    expect(k.days_to_pay).toBeCloseTo(10, 9);
    expect(k.on_time_rate).toBe(1);
    expect(s.ar).toBe(1500);
    expect(s.unapplied).toBe(0);
    expect(s.buckets[0]).toEqual({ label: 'current', amount: 1500, invoices: 2 });
  });

  test('a customer whose balance is exactly zero is not counted, nor listed by customer', async () => {
    // C1: I1 2024-06-10 due 07-10 300 open. C2: I2 2024-06-10 due 07-10 100 open + unapplied 100 on 06-20.
    const [k, rows] = await withBook(
      {
        customers: [{ customer_id: 'C1' }, { customer_id: 'C2' }],
        invoices: [
          { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 300 },
          { invoice_id: 'I2', customer_id: 'C2', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: 100 },
        ],
        payments: [{ customer_id: 'C2', invoice_id: null, payment_date: '2024-06-20', amount: 100 }],
      },
      async (db) => [await portfolioKpis(db, { asOf: D }), await agingByCustomer(db, { asOf: D })] as const,
    );
    expect(k.ar).toBe(300); // 300 + 100 − 100
    expect(k.open_invoices).toBe(2); // I1 and I2 both have open > 0
    expect(k.customers_with_balance).toBe(1); // C2: 100 − 100 = 0
    expect(rows.map((r) => r.customer_id)).toEqual(['C1']);
    expect(rows[0].ar).toBe(300);
  });

  test('a customer with only a credit balance', async () => {
    // C1 (limit 1000): I1 2024-06-01 due 07-01 600 open. C2 (no limit): only unapplied 100 on 06-05.
    const book = {
      customers: [{ customer_id: 'C1', credit_limit: 1000 }, { customer_id: 'C2' }],
      invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 600 }],
      payments: [{ customer_id: 'C2', invoice_id: null, payment_date: '2024-06-05', amount: 100 }],
    };
    const [all, onlyC2, rows] = await withBook(book, async (db) => [
      await portfolioKpis(db, { asOf: D }),
      await portfolioKpis(db, { asOf: D, filter: { customer_id: 'C2' } }),
      await agingByCustomer(db, { asOf: D }),
    ] as const);
    expect(all.ar).toBe(500); // 600 − 100
    expect(all.aging.unapplied).toBe(-100);
    expect(all.customers_with_balance).toBe(2); // C1 600, C2 −100 (non-zero)
    expect(all.open_invoices).toBe(1);

    // C2 alone: AR = −100 ≤ 0, no sales
    expect(onlyC2.ar).toBe(-100);
    expect(onlyC2.current).toBe(0);
    expect(onlyC2.overdue).toBe(0);
    expect(onlyC2.aging).toEqual({ current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: -100 });
    expect(onlyC2.sales).toBe(0);
    expect(onlyC2.collections).toBe(100);
    expect(onlyC2.open_invoices).toBe(0);
    expect(onlyC2.customers_with_balance).toBe(1);
    expect(onlyC2.countback_dso).toBe(0); // AR(D) ≤ 0
    // turnover = 0 / ((0 + (−100)) / 2) → denominator −50 ≤ 0 → null; CEI denominator = 0 + 0 − 0 = 0
    expectNulls(onlyC2, [
      'overdue_ratio', 'dso', 'best_possible_dso', 'add', 'cei', 'turnover', 'turnover_days',
      'bad_debt_rate', 'dbt', 'days_to_pay', 'on_time_rate',
    ]);

    // by customer: C1 (600) first, then C2 (−100)
    expect(rows.map((r) => r.customer_id)).toEqual(['C1', 'C2']);
    expect(rows[0]).toMatchObject({ ar: 600, current: 600, unapplied: 0, overdue: 0, credit_limit: 1000 });
    expect(rows[0].utilisation).toBeCloseTo(600 / 1000, 9);
    expect(rows[1]).toMatchObject({
      customer_id: 'C2', ar: -100, current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0,
      unapplied: -100, overdue: 0, credit_limit: null, utilisation: null,
      dbt: null, days_to_pay: null, on_time_rate: null,
    });
  });

  test('a fully paid book: AR = 0', async () => {
    // I1 2024-05-10 due 06-09 500, paid 500 on 05-20.
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-05-10', due_date: '2024-06-09', amount: 500 }],
        payments: [{ invoice_id: 'I1', payment_date: '2024-05-20', amount: 500 }],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.ar).toBe(0);
    expect(k.open_invoices).toBe(0);
    expect(k.customers_with_balance).toBe(0);
    expect(k.countback_dso).toBe(0); // AR(D) ≤ 0
    expect(k.dso).toBeCloseTo((0 / 500) * 90, 9); // 0, not null: the denominator is sales
    expect(k.cei).toBeCloseTo(((0 + 500 - 0) / (0 + 500 - 0)) * 100, 9); // 100
    expect(k.turnover).toBeNull(); // 500 / ((0 + 0) / 2): denominator 0
    expect(k.overdue_ratio).toBeNull(); // 0 / AR(D) = 0 / 0
    // settled 05-20: dbt 0 (before due 06-09), days_to_pay 10
    expect(k.dbt).toBeCloseTo(0, 9);
    expect(k.days_to_pay).toBeCloseTo(10, 9);
    expect(k.on_time_rate).toBe(1);
    expectNulls(k, ['overdue_ratio', 'turnover', 'turnover_days']);
  });

  test('money is exact to the cent (DECIMAL sums, not binary floats)', async () => {
    // I1 06-01 0.10, I2 06-02 0.20, I3 06-03 100.10 (due +30: all current at D); I3 paid 33.37 on 06-10.
    const [k, s] = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-06-01', amount: '0.10' },
          { invoice_id: 'I2', invoice_date: '2024-06-02', amount: '0.20' },
          { invoice_id: 'I3', invoice_date: '2024-06-03', amount: '100.10' },
        ],
        payments: [{ invoice_id: 'I3', payment_date: '2024-06-10', amount: '33.37' }],
      },
      async (db) => [await portfolioKpis(db, { asOf: D }), await agingSummary(db, { asOf: D })] as const,
    );
    // 0.10 + 0.20 + (100.10 − 33.37 = 66.73) = 67.03 exactly (in binary float 0.1 + 0.2 = 0.30000000000000004)
    expect(k.ar).toBe(67.03);
    expect(k.current).toBe(67.03);
    expect(k.sales).toBe(100.4); // 0.10 + 0.20 + 100.10
    expect(k.collections).toBe(33.37);
    expect(s.ar).toBe(67.03);
    expect(s.buckets[0]).toEqual({ label: 'current', amount: 67.03, invoices: 3 });
  });
});
