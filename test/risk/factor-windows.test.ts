// The trailing windows of the factors at their edges, worked out by hand: a settle date on the
// first day out of a window, invoices first paid more than 12 months after their date, and the
// same answers from one pass over two dates as from a pass per date.
import { describe, expect, test } from 'vitest';
import type { Book } from '../helpers/book.ts';
import { factorsAtDates } from '../../src/lib/server/risk/factors.ts';
import { withBook } from '../kpi/helpers.ts';

// At D: the last 3 months are (2024-03-30, D] (June 30 less 3 months is March 30), the 12 before
// them (2023-03-30, 2024-03-30], the last 12 (2023-06-30, D] and the last 24 (2022-06-30, D].
const D = '2024-06-30';
// At D2 the 24 months are (2023-01-31, D2] and the last 12 (2024-01-31, D2].
const D2 = '2025-01-31';

const book: Book = {
  customers: [{ customer_id: 'K' }],
  invoices: [
    { invoice_id: 'P1', customer_id: 'K', invoice_date: '2024-02-01', due_date: '2024-03-01', amount: 1000 },
    { invoice_id: 'P2', customer_id: 'K', invoice_date: '2024-03-01', due_date: '2024-03-21', amount: 1000 },
    { invoice_id: 'P3', customer_id: 'K', invoice_date: '2022-05-01', due_date: '2022-06-01', amount: 500 },
    { invoice_id: 'P4', customer_id: 'K', invoice_date: '2023-01-15', due_date: '2023-02-14', amount: 2000 },
    { invoice_id: 'P5', customer_id: 'K', invoice_date: '2022-03-01', due_date: '2022-03-31', amount: 300 },
  ],
  payments: [
    { invoice_id: 'P1', payment_date: '2024-03-30', amount: 1000 }, // 29 days late, on the last day of the 12 months before the last 3
    { invoice_id: 'P2', payment_date: '2024-03-31', amount: 1000 }, // 10 days late, on the first day of the last 3 months
    { invoice_id: 'P3', payment_date: '2022-06-30', amount: 500 }, // settled on the first day out of the 24 months
    { invoice_id: 'P4', payment_date: '2024-02-15', amount: 1000 }, // first paid 13 months after its date, half of it
    { invoice_id: 'P5', payment_date: '2023-08-01', amount: 300 }, // 488 days late; dated before the 24 months
  ],
};

describe('factor windows at their edges', () => {
  test('as of D: settle dates on the edges, a past-due invoice first paid 13 months after its date', async () => {
    const [k] = await withBook(book, (db) => db.read((conn) => factorsAtDates(conn, [D])));
    // Settled in the 24 months: P1, P2 and P5 (P3 settled on 2022-06-30, the first day out).
    expect(k.settled_invoices).toBe(3);
    // P4 is open and past due since 2023-02-14: 502 days (365 to 2024-02-14, then 29 + 31 + 30 + 31 + 16).
    expect(k.experiences).toBe(4);
    // Last 3 months: P2 (10 days × 1000) and open P4 at its current 502 days × its 2000.
    expect(k.dbt_recent).toBeCloseTo((10 * 1000 + 502 * 2000) / 3000, 9); // 338
    // The 12 months before: P1 (29 × 1000) and P5 (488 × 300).
    expect(k.dbt_prior).toBeCloseTo((29 * 1000 + 488 * 300) / 1300, 9);
    // Settled in the last 12 months: P1, P2, P5.
    expect(k.dbt_12m).toBeCloseTo((29 * 1000 + 10 * 1000 + 488 * 300) / 2300, 9);
    // Index: P1 29 days late → 60 − 10 × 7/8 = 51.25; P2 10 days → 80 − 10 × 10/15 = 73.3333;
    // P5 and P4 beyond 180 days → 0. (51,250 + 73,333.3) / (1000 + 1000 + 300 + 2000)
    expect(k.payment_index).toBeCloseTo((51.25 * 1000 + 73.3333 * 1000) / 4300, 3);
    // Dated in the last 12 months: P1 and P2.
    expect(k.invoices_12m).toBe(2);
    // First paid in the last 12 months, among those dated in the 24: P1, P2 and P4 (P5 is dated
    // before the 24 months); P4 is still partly open, so paid in parts: 1 of 3.
    expect(k.partial_share).toBeCloseTo(1 / 3, 9);
  });

  test('as of D2, P4 is dated before the 24 months: its first payment in the last 12 no longer counts', async () => {
    const [k] = await withBook(book, (db) => db.read((conn) => factorsAtDates(conn, [D2])));
    // Settled in (2023-01-31, D2]: P1, P2, P5.
    expect(k.settled_invoices).toBe(3);
    // Dated in the 24 months: P1 and P2, both first paid (in full) in the last 12: none in parts.
    expect(k.partial_share).toBe(0);
    expect(k.invoices_12m).toBe(2);
  });

  test('one pass over D and D2 gives what a pass for each gives', async () => {
    const [together, apart] = await withBook(book, (db) =>
      db.read(async (conn) => [await factorsAtDates(conn, [D2, D]), [...(await factorsAtDates(conn, [D])), ...(await factorsAtDates(conn, [D2]))]]),
    );
    expect(together).toEqual(apart);
  });
});
