// The factors the score reads, from a hand-written book, worked out by hand; and no peeking:
// events dated after D change nothing as of D.
import { describe, expect, test } from 'vitest';
import type { Book } from '../helpers/book.ts';
import { factorsAtDates } from '../../src/lib/server/risk/factors.ts';
import { customerScores } from '../../src/lib/server/risk/scores.ts';
import { withBook } from '../kpi/helpers.ts';

const D = '2024-06-30';

const book: Book = {
  customers: [
    { customer_id: 'C1', credit_limit: 10_000 },
    { customer_id: 'C2' },
    { customer_id: 'C3' },
  ],
  invoices: [
    { invoice_id: 'A', customer_id: 'C1', invoice_date: '2024-01-01', due_date: '2024-01-31', amount: 1000 },
    { invoice_id: 'F', customer_id: 'C1', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: 1000 },
    { invoice_id: 'B', customer_id: 'C1', invoice_date: '2024-04-01', due_date: '2024-05-01', amount: 3000 },
    { invoice_id: 'C', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: 2000 },
    { invoice_id: 'E', customer_id: 'C1', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 500, disputed: true },
    { invoice_id: 'W', customer_id: 'C2', invoice_date: '2023-01-10', due_date: '2023-02-09', amount: 1000 },
    { invoice_id: 'X', customer_id: 'C2', invoice_date: '2024-01-15', due_date: '2024-02-14', amount: 800 },
    { invoice_id: 'L', customer_id: 'C3', invoice_date: '2024-07-02', due_date: '2024-08-01', amount: 100 },
  ],
  payments: [
    { invoice_id: 'A', payment_date: '2024-01-31', amount: 1000 }, // on time: index 80
    { invoice_id: 'F', payment_date: '2024-03-02', amount: 400 }, // in two parts...
    { invoice_id: 'F', payment_date: '2024-03-20', amount: 600 }, // ...settled 18 days late
    { invoice_id: 'B', payment_date: '2024-05-16', amount: 3000 }, // 15 days late: index 70
    { invoice_id: 'W', payment_date: '2023-03-01', amount: 500 },
  ],
  adjustments: [{ invoice_id: 'W', date: '2024-01-31', amount: 500, kind: 'write_off' }],
};

/** The same book with events after D: a payment, a new invoice, a write-off, a credit note. */
const later: Book = {
  ...book,
  invoices: [...book.invoices!, { invoice_id: 'G', customer_id: 'C1', invoice_date: '2024-07-01', due_date: '2024-07-31', amount: 9000, disputed: true }],
  payments: [...book.payments!, { invoice_id: 'C', payment_date: '2024-07-05', amount: 2000 }, { invoice_id: 'X', payment_date: '2024-07-01', amount: 100 }],
  adjustments: [...book.adjustments!, { invoice_id: 'X', date: '2024-07-31', amount: 700, kind: 'write_off' }, { invoice_id: 'E', date: '2024-07-01', amount: 500, kind: 'credit_note' }],
};

describe('factors as of D', () => {
  test('C1: index, lateness recent and prior, balance, limit, disputes, partial payments, tenure, volume', async () => {
    const rows = await withBook(book, (db) => db.read((conn) => factorsAtDates(conn, [D])));
    expect(rows.map((r) => r.customer_id)).toEqual(['C1', 'C2']); // C3's first invoice is after D
    const c1 = rows[0];
    // Index: A 1000 at 0 days (80), F 1000 at 18 days (70 − 10 × 3/7 = 65.714), B 3000 at 15 days (70),
    // and C, open 30 days past due, 2000 at 50: (80,000 + 65,714.29 + 210,000 + 100,000) / 7,000 = 65.102
    expect(c1.payment_index).toBeCloseTo(455_714.2857 / 7000, 3);
    expect(c1.settled_invoices).toBe(3);
    expect(c1.experiences).toBe(4);
    // Last 3 months (after 2024-03-30): B 15 days × 3000 and C 30 days × 2000 → 105,000 / 5,000 = 21
    expect(c1.dbt_recent).toBeCloseTo(21, 9);
    // The 12 months before: A 0 days and F 18 days, 1000 each → 9
    expect(c1.dbt_prior).toBeCloseTo(9, 9);
    // Settled in the last 12 months: A, F, B → (0 + 18,000 + 45,000) / 5,000 = 12.6
    expect(c1.dbt_12m).toBeCloseTo(12.6, 9);
    expect(c1.ar).toBe(2500); // C 2000 + E 500
    expect(c1.overdue).toBe(2000);
    expect(c1.overdue_share).toBeCloseTo(0.8, 9);
    expect(c1.overdue_90_share).toBe(0);
    expect(c1.credit_limit).toBe(10_000);
    expect(c1.utilisation).toBeCloseTo(0.25, 9);
    expect(c1.dispute_share).toBeCloseTo(500 / 7500, 9); // E of A + F + B + C + E
    expect(c1.partial_share).toBeCloseTo(1 / 3, 9); // F of A, F, B (C has no payment yet)
    expect(c1.write_off_share).toBe(0);
    expect(c1.tenure_months).toBe(5); // January to June
    expect(c1.invoices_12m).toBe(5);
  });

  test('C2: a write-off in the last 24 months, and a balance more than 90 days past due', async () => {
    const [, c2] = await withBook(book, (db) => db.read((conn) => factorsAtDates(conn, [D])));
    // W settled by the write-off on 2024-01-31, 356 days late (index 0); X open 137 days past due:
    // 20 − 20 × 17/60 = 14.333. (1000 × 0 + 800 × 14.333) / 1800 = 6.370
    expect(c2.payment_index).toBeCloseTo((800 * (20 - (20 * 17) / 60)) / 1800, 3);
    expect(c2.write_off_share).toBeCloseTo(500 / 1800, 9); // 500 written off, of W 1000 + X 800 billed within 24 months
    expect(c2.overdue_90).toBe(800);
    expect(c2.overdue_90_share).toBe(1);
    expect(c2.utilisation).toBeNull(); // no limit
    expect(c2.dbt_prior).toBeCloseTo(356, 9);
  });

  test('no peeking: payments, invoices, credit notes and write-offs dated after D change nothing as of D', async () => {
    const before = await withBook(book, (db) => customerScores(db, { asOf: D }));
    const after = await withBook(later, (db) => customerScores(db, { asOf: D }));
    expect(after).toEqual(before);
    // ...while they do change the picture a month later.
    const july = await withBook(later, (db) => customerScores(db, { asOf: '2024-07-31' }));
    expect(july.find((s) => s.customer_id === 'C1')!.ar).not.toBe(before.find((s) => s.customer_id === 'C1')!.ar);
  });

  test('one pass over many dates gives what a pass per date gives', async () => {
    const dates = ['2024-03-31', '2024-05-15', D];
    const [together, apart] = await withBook(book, (db) =>
      db.read(async (conn) => [await factorsAtDates(conn, dates), (await Promise.all(dates.map((d) => factorsAtDates(conn, [d])))).flat()]),
    );
    expect(together).toEqual(apart);
  });
});
