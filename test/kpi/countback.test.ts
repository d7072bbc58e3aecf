/**
 * Countback DSO (spec/kpis.md): month lengths, February in leap and common years, the 24-month
 * cap, zero and negative months, stopping mid-month. Hand-computed; base USD, customer C1.
 *
 * "Start with R = AR(D) and days = 0. For k = 0, 1, 2, … (at most 24 months): s = net sales of Mk
 *  (negative counts as 0), L = its length. If s = 0, add L and go on. If R ≥ s, subtract s from R,
 *  add L and go on. Otherwise add R / s × L and stop." M0 runs from the 1st of D's month to D.
 */
import { describe, expect, test } from 'vitest';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { withBook } from './helpers.ts';

describe('countback DSO', () => {
  test('February 2024 has 29 days', async () => {
    // D = 2024-03-10: M0 = Mar 1–10 (10 days). I1 2024-03-05 100. I2 2024-02-20 1160, paid 580 on 03-01.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-05', amount: 100 },
          { invoice_id: 'I2', invoice_date: '2024-02-20', amount: 1160 },
        ],
        payments: [{ invoice_id: 'I2', payment_date: '2024-03-01', amount: 580 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-03-10' }),
    );
    expect(k.ar).toBe(680); // 100 + 580
    // R = 680; M0 s = 100 → R = 580, days 10; M1 Feb 2024 s = 1160 > 580 → + 580/1160 × 29 = 14.5
    expect(k.countback_dso).toBeCloseTo(10 + (580 / 1160) * 29, 9); // 24.5
  });

  test('February 2023 has 28 days', async () => {
    // The same book one year earlier: D = 2023-03-10.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2023-03-05', amount: 100 },
          { invoice_id: 'I2', invoice_date: '2023-02-20', amount: 1160 },
        ],
        payments: [{ invoice_id: 'I2', payment_date: '2023-03-01', amount: 580 }],
      },
      (db) => portfolioKpis(db, { asOf: '2023-03-10' }),
    );
    expect(k.countback_dso).toBeCloseTo(10 + (580 / 1160) * 28, 9); // 24
  });

  test('stopping mid-month: R / s × L', async () => {
    // D = 2024-05-20: M0 = May 1–20 (20 days). I1 2024-05-05 300. I2 2024-04-10 900, paid 300 on 05-01.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-05', amount: 300 },
          { invoice_id: 'I2', invoice_date: '2024-04-10', amount: 900 },
        ],
        payments: [{ invoice_id: 'I2', payment_date: '2024-05-01', amount: 300 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-05-20' }),
    );
    expect(k.ar).toBe(900); // 300 + 600
    // R = 900; M0 s = 300 → R = 600, days 20; April (30) s = 900 > 600 → + 600/900 × 30 = 20
    expect(k.countback_dso).toBeCloseTo(20 + (600 / 900) * 30, 9); // 40
  });

  test('a month with negative net sales counts as 0 (adds its full length)', async () => {
    // D = 2024-05-31. I1 2024-03-10 1000, credit note 400 on 2024-04-05 (April net −400). I2 2024-05-10 200.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-10', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-05-10', amount: 200 },
        ],
        adjustments: [{ invoice_id: 'I1', date: '2024-04-05', amount: 400, kind: 'credit_note' }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-05-31' }),
    );
    expect(k.ar).toBe(800); // 600 + 200
    // R = 800; May (31) s = 200 → R = 600, 31; April (30) s = −400 → 0 → 61;
    // March (31) s = 1000 > 600 → + 600/1000 × 31 = 18.6
    expect(k.countback_dso).toBeCloseTo(31 + 30 + (600 / 1000) * 31, 9); // 79.6
  });

  test('running out of history: zero-sales months add their full length, 24 months at most', async () => {
    // D = 2024-03-31. I1 2022-03-10 1000, paid 400 on 2022-05-01 → R = 600.
    // M0 = March 2024 … M23 = April 2022 all have zero sales; March 2022 would be M24, past the cap.
    // days = 2022-04-01 … 2024-03-31 = 365 + 366 = 731
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2022-03-10', amount: 1000 }],
        payments: [{ invoice_id: 'I1', payment_date: '2022-05-01', amount: 400 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-03-31' }),
    );
    expect(k.ar).toBe(600);
    expect(k.countback_dso).toBeCloseTo(365 + 366, 9); // 731
  });

  test('sales in the 24th month (M23) are still counted', async () => {
    // As above, but I1 dated 2022-04-10 (M23 = April 2022, 30 days).
    // M0 … M22 (May 2022 … March 2024) zero: 731 − 30 = 701; M23 s = 1000 > 600 → + 600/1000 × 30 = 18
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2022-04-10', amount: 1000 }],
        payments: [{ invoice_id: 'I1', payment_date: '2022-05-01', amount: 400 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-03-31' }),
    );
    expect(k.countback_dso).toBeCloseTo(731 - 30 + (600 / 1000) * 30, 9); // 719
  });

  test('the cap with a short M0: D = 2024-03-15', async () => {
    // I1 2021-01-15 500 open. M0 = Mar 1–15 2024 (15) + Feb 2024 … Apr 2022 (23 months, 700 days) = 715
    const k = await withBook(
      { invoices: [{ invoice_id: 'I1', invoice_date: '2021-01-15', amount: 500 }] },
      (db) => portfolioKpis(db, { asOf: '2024-03-15' }),
    );
    expect(k.countback_dso).toBeCloseTo(15 + (731 - 31), 9); // 715
  });

  test('AR(D) ≤ 0 gives 0', async () => {
    // Only unapplied cash: 100 on 2024-03-10. AR = −100.
    const k = await withBook(
      { payments: [{ customer_id: 'C1', invoice_id: null, payment_date: '2024-03-10', amount: 100 }] },
      (db) => portfolioKpis(db, { asOf: '2024-03-31' }),
    );
    expect(k.ar).toBe(-100);
    expect(k.countback_dso).toBe(0);
  });

  test('after R reaches 0, a zero-sales month still adds its length (the algorithm read literally)', async () => {
    // D = 2024-03-31. I1 2024-03-10 500 open. I0 2024-01-10 200, paid 200 on 2024-01-20.
    // R = 500; March s = 500 ≤ 500 → R = 0, days 31; February s = 0 → "If s = 0, add L and go on": 60;
    // January s = 200 > 0 = R → + 0/200 × 31, stop. (As in the worked example, the walk goes on after R = 0.)
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-03-10', amount: 500 },
          { invoice_id: 'I0', invoice_date: '2024-01-10', amount: 200 },
        ],
        payments: [{ invoice_id: 'I0', payment_date: '2024-01-20', amount: 200 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-03-31' }),
    );
    expect(k.countback_dso).toBeCloseTo(31 + 29 + (0 / 200) * 31, 9); // 60
  });
});
