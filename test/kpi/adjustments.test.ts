/**
 * Adjustments: write-offs, discounts and credit notes (in the window, before it, after D).
 * Hand-computed from spec/kpis.md.
 *
 * Base USD, customer C1, D = 2024-06-30, W = 90, S = 2024-04-01, P = Apr 2 … Jun 30.
 * M0 = June (30 days), M1 = May (31), M2 = April (30), M3 = March (31).
 */
import { describe, expect, test } from 'vitest';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { withBook, expectNulls } from './helpers.ts';

const D = '2024-06-30';

describe('adjustments', () => {
  test('write-off: reduces open, counts in write_offs and bad_debt_rate, not in sales or collections', async () => {
    // I1 2024-04-10 due 05-10 1000: paid 300 on 05-15, written off 700 on 06-20 (settled 06-20).
    // I2 2024-06-01 due 07-01 600: paid 100 on 06-25 → open 500, current.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-04-10', due_date: '2024-05-10', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 600 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-05-15', amount: 300 },
          { invoice_id: 'I2', payment_date: '2024-06-25', amount: 100 },
        ],
        adjustments: [{ invoice_id: 'I1', date: '2024-06-20', amount: 700, kind: 'write_off' }],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.ar).toBe(500); // I1: 1000 − 300 − 700 = 0; I2: 600 − 100 = 500
    expect(k.current).toBe(500);
    expect(k.open_invoices).toBe(1);
    expect(k.sales).toBe(1600); // 1000 + 600, the write-off is not a credit note
    expect(k.collections).toBe(400); // 300 + 100
    expect(k.write_offs).toBe(700);
    expect(k.bad_debt_rate).toBeCloseTo(700 / 1600, 9);
    expect(k.dso).toBeCloseTo((500 / 1600) * 90, 9);
    expect(k.best_possible_dso).toBeCloseTo((500 / 1600) * 90, 9);
    expect(k.add).toBeCloseTo(0, 9);
    expect(k.cei).toBeCloseTo(((0 + 1600 - 500) / (0 + 1600 - 500)) * 100, 9); // 100
    // I1 settled by the write-off on 06-20: dbt = 06-20 − 05-10 = 41; days_to_pay = 06-20 − 04-10 = 71
    expect(k.dbt).toBeCloseTo(41, 9);
    expect(k.days_to_pay).toBeCloseTo(71, 9);
    expect(k.on_time_rate).toBe(0);
    // countback: R = 500; June s = 600 > 500 → 500/600 × 30 = 25
    expect(k.countback_dso).toBeCloseTo((500 / 600) * 30, 9);
    expectNulls(k, []);
  });

  test('discount: reduces open, not in sales, not in collections, not in countback sales', async () => {
    // I1 2024-05-01 due 05-31 1000: discount 20 and payment 980, both on 05-20 (settled 05-20).
    // I2 2024-06-01 due 07-01 400: discount 10 on 06-15 → open 390.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 400 },
        ],
        payments: [{ invoice_id: 'I1', payment_date: '2024-05-20', amount: 980 }],
        adjustments: [
          { invoice_id: 'I1', date: '2024-05-20', amount: 20, kind: 'discount' },
          { invoice_id: 'I2', date: '2024-06-15', amount: 10, kind: 'discount' },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.ar).toBe(390);
    expect(k.current).toBe(390);
    expect(k.sales).toBe(1400); // 1000 + 400, discounts are not credit notes
    expect(k.collections).toBe(980); // the 20 discount is not cash
    expect(k.write_offs).toBe(0);
    expect(k.bad_debt_rate).toBe(0); // 0 / 1400
    expect(k.dso).toBeCloseTo((390 / 1400) * 90, 9);
    expect(k.cei).toBeCloseTo(((0 + 1400 - 390) / (0 + 1400 - 390)) * 100, 9);
    // I1 settled 05-20 (980 + 20 = 1000): on time, dbt 0, days_to_pay = 05-20 − 05-01 = 19
    expect(k.dbt).toBeCloseTo(0, 9);
    expect(k.days_to_pay).toBeCloseTo(19, 9);
    expect(k.on_time_rate).toBe(1);
    // countback: R = 390; June s = 400 (the discount does not reduce sales) > 390 → 390/400 × 30 = 29.25
    expect(k.countback_dso).toBeCloseTo((390 / 400) * 30, 9);
  });

  test('credit note in P reduces sales (and the month’s net sales in countback)', async () => {
    // I0 2024-04-15 due 05-15 200, paid 200 on 05-10 (settled in P, on time).
    // I1 2024-05-01 due 05-31 1000, credit note 250 on 06-10 → open 750, dpd 30 → 1-30.
    // I2 2024-06-05 due 07-05 500 → current.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I0', invoice_date: '2024-04-15', due_date: '2024-05-15', amount: 200 },
          { invoice_id: 'I1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-06-05', due_date: '2024-07-05', amount: 500 },
        ],
        payments: [{ invoice_id: 'I0', payment_date: '2024-05-10', amount: 200 }],
        adjustments: [{ invoice_id: 'I1', date: '2024-06-10', amount: 250, kind: 'credit_note' }],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    expect(k.ar).toBe(1250); // 750 + 500
    expect(k.aging).toEqual({ current: 500, '1-30': 750, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.sales).toBe(1450); // 200 + 1000 + 500 − 250
    expect(k.collections).toBe(200); // a credit note is not a collection
    expect(k.write_offs).toBe(0);
    expect(k.dso).toBeCloseTo((1250 / 1450) * 90, 9);
    expect(k.best_possible_dso).toBeCloseTo((500 / 1450) * 90, 9);
    expect(k.add).toBeCloseTo((750 / 1450) * 90, 9);
    expect(k.cei).toBeCloseTo(((0 + 1450 - 1250) / (0 + 1450 - 500)) * 100, 9);
    expect(k.turnover).toBeCloseTo((1450 / (1250 / 2)) * (365 / 90), 9);
    // countback: R = 1250; June s = 500 − 250 = 250 → R = 1000, days 30;
    // May s = 1000 ≤ 1000 → R = 0, days 61; April s = 200 > 0 → + 0/200 × 30, stop.
    expect(k.countback_dso).toBeCloseTo(30 + 31 + (0 / 200) * 30, 9);
    // I0: dbt 0, days_to_pay = 05-10 − 04-15 = 25
    expect(k.dbt).toBeCloseTo(0, 9);
    expect(k.days_to_pay).toBeCloseTo(25, 9);
    expect(k.on_time_rate).toBe(1);
  });

  test('credit note dated before the window: in AR(S), not in sales(P)', async () => {
    // I1 2024-03-01 due 03-31 1000: credit note 300 on 03-20 (before S), credit note 100 on 04-15 (in P).
    // I2 2024-06-01 due 07-01 400.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 400 },
        ],
        adjustments: [
          { invoice_id: 'I1', date: '2024-03-20', amount: 300, kind: 'credit_note' },
          { invoice_id: 'I1', date: '2024-04-15', amount: 100, kind: 'credit_note' },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    // I1 open = 1000 − 300 − 100 = 600, dpd = Jun 30 − Mar 31 = 91 → 91-120. I2 current 400.
    expect(k.aging).toEqual({ current: 400, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 600, '120+': 0, unapplied: 0 });
    expect(k.ar).toBe(1000);
    expect(k.overdue).toBe(600);
    expect(k.overdue_ratio).toBeCloseTo(600 / 1000, 9);
    expect(k.ar_start).toBe(700); // AR(S = 04-01): I1 1000 − 300
    expect(k.sales).toBe(300); // I2 400 − credit note 100 in P; I1 and the 03-20 note are before the window
    expect(k.dso).toBeCloseTo((1000 / 300) * 90, 9); // 300
    expect(k.best_possible_dso).toBeCloseTo((400 / 300) * 90, 9); // 120
    expect(k.add).toBeCloseTo((600 / 300) * 90, 9); // 180
    expect(k.cei).toBeCloseTo(((700 + 300 - 1000) / (700 + 300 - 400)) * 100, 9); // 0
    expect(k.turnover).toBeCloseTo((300 / ((700 + 1000) / 2)) * (365 / 90), 9);
    // countback: R = 1000; June s = 400 → R = 600, days 30; May s = 0 → 61;
    // April s = −100 → 0 → 91; March s = 1000 − 300 = 700 > 600 → + 600/700 × 31
    expect(k.countback_dso).toBeCloseTo(30 + 31 + 30 + (600 / 700) * 31, 9);
  });

  test('write-offs and discounts after D are ignored; a write-off before S is in AR(S) only', async () => {
    // I1 2024-03-01 due 03-31 1000: write-off 200 on 03-25 (before S), write-off 300 on 07-01 (after D).
    // I2 2024-05-01 due 05-31 500: discount 50 on 07-02 (after D).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 500 },
        ],
        adjustments: [
          { invoice_id: 'I1', date: '2024-03-25', amount: 200, kind: 'write_off' },
          { invoice_id: 'I1', date: '2024-07-01', amount: 300, kind: 'write_off' },
          { invoice_id: 'I2', date: '2024-07-02', amount: 50, kind: 'discount' },
        ],
      },
      (db) => portfolioKpis(db, { asOf: D }),
    );
    // I1 open 800, dpd 91 → 91-120; I2 open 500, dpd 30 → 1-30
    expect(k.aging).toEqual({ current: 0, '1-30': 500, '31-60': 0, '61-90': 0, '91-120': 800, '120+': 0, unapplied: 0 });
    expect(k.ar).toBe(1300);
    expect(k.ar_start).toBe(800); // 1000 − 200 at S; I2 not yet booked
    expect(k.sales).toBe(500);
    expect(k.write_offs).toBe(0); // 03-25 before P, 07-01 after D
    expect(k.bad_debt_rate).toBe(0); // 0 / 500
    expect(k.cei).toBeCloseTo(((800 + 500 - 1300) / (800 + 500 - 0)) * 100, 9); // 0
    // countback: R = 1300; June 0 → 30; May s = 500 → R = 800, 61; April 0 → 91;
    // March s = 1000 (write-offs are not credit notes) > 800 → + 800/1000 × 31
    expect(k.countback_dso).toBeCloseTo(30 + 31 + 30 + (800 / 1000) * 31, 9);
  });
});
