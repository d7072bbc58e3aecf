// Roll rates, loss rates and the provision matrix, computed by hand.
import { describe, expect, test } from 'vitest';
import { expectedCreditLoss, monthEndsBefore } from '../../src/lib/server/ecl.ts';
import { lossRates, rollRateRows } from '../../src/lib/loss-rates.ts';
import { openBook, workedExample } from '../helpers/book.ts';

const LABELS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'];

describe('month-ends of the roll-rate history', () => {
  test('a month-end as-of date is the last month-end; otherwise the month before ends the history', () => {
    expect(monthEndsBefore('2024-03-31', 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthEndsBefore('2024-03-15', 3)).toEqual(['2023-12-31', '2024-01-31', '2024-02-29']);
  });
});

describe('loss rates from a migration matrix', () => {
  test('rows become shares that sum to 1', () => {
    const rows = rollRateRows(['a', 'b'], [
      { from: 0, to: 'paid', amount: 30 },
      { from: 0, to: 'bucket:1', amount: 70 },
      { from: 1, to: 'written_off', amount: 5 },
    ]);
    expect(rows[0]).toEqual({ from: 'a', opening: 100, to: { a: 0, b: 0.7, paid: 0.3, credited: 0, written_off: 0 } });
    expect(rows[1].to.written_off).toBe(1);
  });

  test('absorption: half of b is written off each month and half stays, so all of b is lost; a loses what rolls to b', () => {
    // a: 50% paid, 50% → b.  b: 50% written off, 50% stays in b.
    const rows = rollRateRows(['a', 'b'], [
      { from: 0, to: 'paid', amount: 50 },
      { from: 0, to: 'bucket:1', amount: 50 },
      { from: 1, to: 'written_off', amount: 50 },
      { from: 1, to: 'bucket:1', amount: 50 },
    ]);
    const [a, b] = lossRates(rows);
    expect(b).toBeCloseTo(1, 9);
    expect(a).toBeCloseTo(0.5, 9);
  });

  test('b clears half of what leaves it: loss(b) = 0.25 / (0.25 + 0.25) = 0.5, loss(a) = 0.5 × 0.5 = 0.25', () => {
    const rows = rollRateRows(['a', 'b'], [
      { from: 0, to: 'paid', amount: 50 },
      { from: 0, to: 'bucket:1', amount: 50 },
      { from: 1, to: 'paid', amount: 25 },
      { from: 1, to: 'written_off', amount: 25 },
      { from: 1, to: 'bucket:1', amount: 50 },
    ]);
    const [a, b] = lossRates(rows);
    expect(b).toBeCloseTo(0.5, 9);
    expect(a).toBeCloseTo(0.25, 9);
  });
});

describe('expected credit loss on hand-made books', () => {
  test('the worked example over three months', async () => {
    const db = await openBook(workedExample);
    try {
      const r = await expectedCreditLoss(db, { asOf: '2024-03-31', months: 3, overlay: { current: 0.01 } });
      expect(r.month_ends).toEqual(['2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31']);
      // Jan 31: A 1000 current → Feb 29: 600 paid (Feb 10), 400 in 1-30 (dpd 25).
      // Feb 29: A 400 in 1-30 → paid 400 (Mar 20); B 500 current → 100 credited (Mar 1), 400 in 1-30 (dpd 29).
      const current = r.roll_rates[0];
      expect(current.opening).toBe(1500);
      expect(current.to['1-30']).toBeCloseTo(800 / 1500, 12);
      expect(current.to.paid).toBeCloseTo(600 / 1500, 12);
      expect(current.to.credited).toBeCloseTo(100 / 1500, 12);
      expect(current.to.written_off).toBe(0);
      expect(r.roll_rates[1]).toMatchObject({ from: '1-30', opening: 400 });
      expect(r.roll_rates[1].to.paid).toBe(1);
      for (const row of r.roll_rates.filter((x) => x.opening > 0)) {
        expect(Object.values(row.to).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      }
      // Everything seen was collected or credited: no loss in current or 1-30.
      expect(r.loss_rates.current).toBe(0);
      expect(r.loss_rates['1-30']).toBe(0);
      // Provision: current 800 × (0 + 0.01) = 8; 1-30 400 × 0 = 0.
      expect(r.provision_matrix.map((p) => p.bucket)).toEqual(LABELS);
      expect(r.provision_matrix[0]).toMatchObject({ balance: 800, loss_rate: 0, overlay: 0.01, rate: 0.01, provision: 8 });
      expect(r.ecl).toBe(8);
      expect(r.coverage).toBeCloseTo(8 / 1200, 12);
    } finally {
      await db.close();
    }
  });

  test('a balance written off rolls into the written-off column and gives its bucket a loss rate', async () => {
    // W1 1000 due 2024-01-31, never paid; written off 2024-04-15.
    // P1 1000 due 2024-01-31, paid in full 2024-04-10.
    const db = await openBook({
      invoices: [
        { invoice_id: 'W1', invoice_date: '2024-01-01', due_date: '2024-01-31', amount: 1000 },
        { invoice_id: 'P1', invoice_date: '2024-01-01', due_date: '2024-01-31', amount: 1000 },
      ],
      payments: [{ invoice_id: 'P1', payment_date: '2024-04-10', amount: 1000 }],
      adjustments: [{ invoice_id: 'W1', date: '2024-04-15', amount: 1000, kind: 'write_off' }],
    });
    try {
      const r = await expectedCreditLoss(db, { asOf: '2024-04-30', months: 4 });
      // Month-ends Dec 31 … Apr 30. Jan 31: both current (dpd 0). Feb 29: both 1-30 (dpd 29).
      // Mar 31: both 31-60 (dpd 60). Apr 30: both gone, one paid, one written off.
      const row = (label: string) => r.roll_rates.find((x) => x.from === label)!;
      expect(row('current').to['1-30']).toBe(1);
      expect(row('1-30').to['31-60']).toBe(1);
      expect(row('31-60').opening).toBe(2000);
      expect(row('31-60').to.paid).toBe(0.5);
      expect(row('31-60').to.written_off).toBe(0.5);
      // Every unit of current ends in 31-60, which loses half.
      expect(r.loss_rates['31-60']).toBeCloseTo(0.5, 12);
      expect(r.loss_rates.current).toBeCloseTo(0.5, 12);
      expect(r.ecl).toBe(0);
    } finally {
      await db.close();
    }
  });
});
