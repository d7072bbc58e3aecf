/**
 * Ratios and the window: zero and negative sales, CEI with a denominator ≤ 0, windows of 30 and
 * 365 days, AR(S) with events between S and D. Hand-computed from spec/kpis.md.
 * Base USD, customer C1 (30-day terms).
 */
import { describe, expect, test } from 'vitest';
import { workedExample } from '../helpers/book.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { withBook, expectNulls } from './helpers.ts';

describe('ratios', () => {
  test('zero sales in the window: sales-based ratios null with reasons; turnover 0, turnover_days null', async () => {
    // D = 2024-06-30, W = 90, S = 2024-04-01.
    // I1 2024-02-01 due 03-02 1000 (before the window), paid 400 on 05-10.
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: 1000 }],
        payments: [{ invoice_id: 'I1', payment_date: '2024-05-10', amount: 400 }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-06-30', windowDays: 90 }),
    );
    // open 600, dpd = Jun 30 − Mar 2 = 120 → 91-120
    expect(k.ar).toBe(600);
    expect(k.aging['91-120']).toBe(600);
    expect(k.ar_start).toBe(1000); // the payment comes after S
    expect(k.sales).toBe(0);
    expect(k.collections).toBe(400);
    expect(k.overdue_ratio).toBeCloseTo(600 / 600, 9);
    // cei = (1000 + 0 − 600) / (1000 + 0 − 0) × 100 = 40: its denominator is not sales
    expect(k.cei).toBeCloseTo(((1000 + 0 - 600) / (1000 + 0 - 0)) * 100, 9);
    // turnover = 0 / ((1000 + 600) / 2) × 365 / 90 = 0 (denominator 800 > 0); turnover_days = 365 / 0 → null
    expect(k.turnover).toBe(0);
    // countback: R = 600; June, May, April, March have no sales: 30 + 31 + 30 + 31 = 122;
    // Feb 2024 (29 days) s = 1000 > 600 → + 600/1000 × 29 = 17.4
    expect(k.countback_dso).toBeCloseTo(30 + 31 + 30 + 31 + (600 / 1000) * 29, 9);
    expectNulls(k, ['dso', 'best_possible_dso', 'add', 'bad_debt_rate', 'turnover_days', 'dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('negative sales in the window (a credit note only) and events between S and D', async () => {
    // D = 2024-06-30, W = 90, S = 2024-04-01.
    // I1 2024-03-01 due 03-31 1000: paid 200 on 03-15 (before S), 300 on 04-01 (= S: counts at S, not in P),
    //   100 on 04-02 (in P); credit note 50 on 05-01.
    // Unapplied: 70 on 03-20 (before S), 30 on 06-01.
    const k = await withBook(
      {
        invoices: [{ invoice_id: 'I1', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: 1000 }],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-03-15', amount: 200 },
          { invoice_id: 'I1', payment_date: '2024-04-01', amount: 300 },
          { invoice_id: 'I1', payment_date: '2024-04-02', amount: 100 },
          { customer_id: 'C1', invoice_id: null, payment_date: '2024-03-20', amount: 70 },
          { customer_id: 'C1', invoice_id: null, payment_date: '2024-06-01', amount: 30 },
        ],
        adjustments: [{ invoice_id: 'I1', date: '2024-05-01', amount: 50, kind: 'credit_note' }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-06-30' }),
    );
    // AR(S) = (1000 − 200 − 300) − 70 = 430
    expect(k.ar_start).toBe(430);
    // AR(D) = (1000 − 600 − 50 = 350, dpd 91) − 100 unapplied = 250
    expect(k.aging).toEqual({ current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 350, '120+': 0, unapplied: -100 });
    expect(k.ar).toBe(250);
    expect(k.overdue).toBe(350);
    expect(k.overdue_ratio).toBeCloseTo(350 / 250, 9); // 1.4: overdue exceeds AR net of unapplied cash
    expect(k.collections).toBe(130); // 100 (04-02) + 30 (06-01); the 04-01 payment is at S, outside P
    expect(k.sales).toBe(-50); // no invoice in P, credit note 50
    // cei = (430 + (−50) − 250) / (430 + (−50) − 0) × 100
    expect(k.cei).toBeCloseTo(((430 - 50 - 250) / (430 - 50 - 0)) * 100, 9);
    // turnover = −50 / ((430 + 250) / 2) × 365/90: its denominator 340 > 0, so it is reported (negative)
    expect(k.turnover).toBeCloseTo((-50 / 340) * (365 / 90), 9);
    // countback: R = 250; June 0 → 30; May −50 → 0 → 61; April 0 → 91; March 1000 > 250 → + 250/1000 × 31
    expect(k.countback_dso).toBeCloseTo(30 + 31 + 30 + (250 / 1000) * 31, 9);
    // sales ≤ 0: dso, best_possible_dso, add, bad_debt_rate null; turnover < 0: turnover_days null
    expectNulls(k, ['dso', 'best_possible_dso', 'add', 'bad_debt_rate', 'turnover_days', 'dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('CEI denominator < 0 → null', async () => {
    // D = 2024-06-30, S = 2024-04-01.
    // I0 2024-01-10 due 02-09 200, paid 200 on 02-20 (before S), credit note 150 on 06-15 → open −150.
    // I1 2024-06-01 due 07-01 600 (current). Unapplied 50 on 06-20.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I0', invoice_date: '2024-01-10', due_date: '2024-02-09', amount: 200 },
          { invoice_id: 'I1', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 600 },
        ],
        payments: [
          { invoice_id: 'I0', payment_date: '2024-02-20', amount: 200 },
          { customer_id: 'C1', invoice_id: null, payment_date: '2024-06-20', amount: 50 },
        ],
        adjustments: [{ invoice_id: 'I0', date: '2024-06-15', amount: 150, kind: 'credit_note' }],
      },
      (db) => portfolioKpis(db, { asOf: '2024-06-30' }),
    );
    // unapplied = −50 + (−150) = −200; AR = 600 − 200 = 400
    expect(k.aging).toEqual({ current: 600, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: -200 });
    expect(k.ar).toBe(400);
    expect(k.ar_start).toBe(0); // I0 was settled on 02-20
    expect(k.sales).toBe(450); // 600 − 150
    expect(k.collections).toBe(50);
    expect(k.dso).toBeCloseTo((400 / 450) * 90, 9); // 80
    expect(k.best_possible_dso).toBeCloseTo((600 / 450) * 90, 9); // 120
    expect(k.add).toBeCloseTo(80 - 120, 9);
    // CEI denominator = 0 + 450 − 600 = −150 ≤ 0 → null
    expect(k.turnover).toBeCloseTo((450 / (400 / 2)) * (365 / 90), 9);
    // countback: R = 400; June s = 600 − 150 = 450 > 400 → 400/450 × 30
    expect(k.countback_dso).toBeCloseTo((400 / 450) * 30, 9);
    // I0 settled 02-20, before P: nothing settled in P
    expectNulls(k, ['cei', 'dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('W = 30, invoice dated exactly at S and a payment exactly on D', async () => {
    // D = 2024-06-30, W = 30, S = 2024-05-31, P = Jun 1 … Jun 30.
    // I1 2024-05-10 due 06-09 1000, paid 600 on 06-05. I2 2024-05-31 due 06-30 500 (dated at S).
    // I3 2024-06-15 due 07-15 800, paid 200 on 06-30 (= D).
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I1', invoice_date: '2024-05-10', due_date: '2024-06-09', amount: 1000 },
          { invoice_id: 'I2', invoice_date: '2024-05-31', due_date: '2024-06-30', amount: 500 },
          { invoice_id: 'I3', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 800 },
        ],
        payments: [
          { invoice_id: 'I1', payment_date: '2024-06-05', amount: 600 },
          { invoice_id: 'I3', payment_date: '2024-06-30', amount: 200 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: '2024-06-30', windowDays: 30 }),
    );
    expect(k.window_days).toBe(30);
    expect(k.ar_start).toBe(1500); // AR(05-31) = I1 1000 + I2 500
    // I1 400 (dpd 21 → 1-30), I2 500 (dpd 0 → current), I3 600 (current)
    expect(k.aging).toEqual({ current: 1100, '1-30': 400, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.ar).toBe(1500);
    expect(k.sales).toBe(800); // only I3; I2 is dated at S, outside P
    expect(k.collections).toBe(800); // 600 + 200 (dated D, inside P)
    expect(k.dso).toBeCloseTo((1500 / 800) * 30, 9); // 56.25
    expect(k.best_possible_dso).toBeCloseTo((1100 / 800) * 30, 9); // 41.25
    expect(k.add).toBeCloseTo((400 / 800) * 30, 9); // 15
    expect(k.cei).toBeCloseTo(((1500 + 800 - 1500) / (1500 + 800 - 1100)) * 100, 9); // 66.66…
    expect(k.turnover).toBeCloseTo((800 / ((1500 + 1500) / 2)) * (365 / 30), 9);
    expect(k.turnover_days).toBeCloseTo((1500 / 800) * 30, 9); // 365 / turnover
    // countback does not depend on W: R = 1500; June s = 800 → R = 700, 30; May s = 1500 > 700 → + 700/1500 × 31
    expect(k.countback_dso).toBeCloseTo(30 + (700 / 1500) * 31, 9);
    expectNulls(k, ['dbt', 'days_to_pay', 'on_time_rate']);
  });

  test('W = 365 over a leap year, with AR(S) > 0 and several settlements', async () => {
    // D = 2024-12-31, W = 365, S = 2024-01-01 (2024 has 366 days), P = 2024-01-02 … 2024-12-31.
    // I0 2023-11-15 due 2023-12-15 2000, paid 2024-02-14.   I1 2024-01-01 due 01-31 300 (at S), paid 01-31.
    // I2 2024-06-01 due 07-01 1000, paid 07-02.   I3 2024-12-01 due 12-31 1500 open.
    // I4 2024-10-01 due 10-31 600, paid 100 on 11-10 → open 500.
    const k = await withBook(
      {
        invoices: [
          { invoice_id: 'I0', invoice_date: '2023-11-15', due_date: '2023-12-15', amount: 2000 },
          { invoice_id: 'I1', invoice_date: '2024-01-01', due_date: '2024-01-31', amount: 300 },
          { invoice_id: 'I2', invoice_date: '2024-06-01', due_date: '2024-07-01', amount: 1000 },
          { invoice_id: 'I3', invoice_date: '2024-12-01', due_date: '2024-12-31', amount: 1500 },
          { invoice_id: 'I4', invoice_date: '2024-10-01', due_date: '2024-10-31', amount: 600 },
        ],
        payments: [
          { invoice_id: 'I0', payment_date: '2024-02-14', amount: 2000 },
          { invoice_id: 'I1', payment_date: '2024-01-31', amount: 300 },
          { invoice_id: 'I2', payment_date: '2024-07-02', amount: 1000 },
          { invoice_id: 'I4', payment_date: '2024-11-10', amount: 100 },
        ],
      },
      (db) => portfolioKpis(db, { asOf: '2024-12-31', windowDays: 365 }),
    );
    expect(k.ar_start).toBe(2300); // I0 2000 + I1 300 at 2024-01-01
    // I3 dpd 0 → current; I4 dpd = Dec 31 − Oct 31 = 61 → 61-90
    expect(k.aging).toEqual({ current: 1500, '1-30': 0, '31-60': 0, '61-90': 500, '91-120': 0, '120+': 0, unapplied: 0 });
    expect(k.ar).toBe(2000);
    expect(k.sales).toBe(3100); // I2 1000 + I3 1500 + I4 600 (I1 at S and I0 are outside P)
    expect(k.collections).toBe(3400); // 2000 + 300 + 1000 + 100
    expect(k.dso).toBeCloseTo((2000 / 3100) * 365, 9);
    expect(k.best_possible_dso).toBeCloseTo((1500 / 3100) * 365, 9);
    expect(k.add).toBeCloseTo((500 / 3100) * 365, 9);
    expect(k.cei).toBeCloseTo(((2300 + 3100 - 2000) / (2300 + 3100 - 1500)) * 100, 9);
    expect(k.turnover).toBeCloseTo((3100 / ((2300 + 2000) / 2)) * (365 / 365), 9);
    expect(k.turnover_days).toBeCloseTo((2150 / 3100) * 365, 9);
    // settled in P: I0 on 02-14 (dbt 12-15 → 02-14 = 61, days_to_pay 11-15 → 02-14 = 91, late),
    //   I1 on 01-31 (dbt 0, days 30, on time), I2 on 07-02 (dbt 1, days 31, late)
    expect(k.dbt).toBeCloseTo((2000 * 61 + 300 * 0 + 1000 * 1) / (2000 + 300 + 1000), 9);
    expect(k.days_to_pay).toBeCloseTo((2000 * 91 + 300 * 30 + 1000 * 31) / (2000 + 300 + 1000), 9);
    expect(k.on_time_rate).toBeCloseTo(1 / 3, 9);
    // countback: R = 2000; Dec s = 1500 → R = 500, 31; Nov 0 → 61; Oct s = 600 > 500 → + 500/600 × 31
    expect(k.countback_dso).toBeCloseTo(31 + 30 + (500 / 600) * 31, 9);
    expectNulls(k, []);
  });

  test('the worked example with W = 30: the credit note dated at S is outside P', async () => {
    // D = 2024-03-31, W = 30, S = 2024-03-01, P = Mar 2 … Mar 31.
    const k = await withBook(workedExample, (db) => portfolioKpis(db, { asOf: '2024-03-31', windowDays: 30 }));
    // AR(S): A 1000 − 600 = 400, B 500 − 100 (credit note on 03-01 ≤ S) = 400 → 800
    expect(k.ar_start).toBe(800);
    expect(k.ar).toBe(1200);
    expect(k.sales).toBe(800); // C only
    expect(k.collections).toBe(400); // 03-20
    expect(k.dso).toBeCloseTo((1200 / 800) * 30, 9); // 45
    expect(k.best_possible_dso).toBeCloseTo((800 / 800) * 30, 9); // 30
    expect(k.add).toBeCloseTo(15, 9);
    expect(k.cei).toBeCloseTo(((800 + 800 - 1200) / (800 + 800 - 800)) * 100, 9); // 50
    expect(k.turnover).toBeCloseTo((800 / ((800 + 1200) / 2)) * (365 / 30), 9);
    expect(k.turnover_days).toBeCloseTo((1000 / 800) * 30, 9);
    expect(k.countback_dso).toBeCloseTo(60, 9); // as with W = 90: countback ignores W
    expect(k.dbt).toBeCloseTo(45, 9); // A settled 03-20, in P
    expect(k.days_to_pay).toBeCloseTo(75, 9);
    expect(k.on_time_rate).toBe(0);
  });
});
