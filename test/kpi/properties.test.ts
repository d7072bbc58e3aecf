// Properties that must hold on any book (issue: KPI engine), checked on seeded random books:
// buckets + unapplied = AR; AR(D) = Σ invoices − Σ events dated ≤ D; ADD = overdue / sales × W;
// each customer's balance equals the plain per-invoice computation; a trend point equals the
// single-date KPIs; nothing dated after D changes the KPIs at D.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { agingByCustomer, agingSummary } from '../../src/lib/server/aging.ts';
import { kpiTrend } from '../../src/lib/server/trends.ts';
import { query } from '../../src/lib/server/sql.ts';
import { openBook, type Book } from '../helpers/book.ts';

/** A small deterministic PRNG (mulberry32), so every run sees the same books. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function day(offset: number): string {
  return new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A random book over 2023–2024: partial payments, overpayments, unapplied cash, all adjustment kinds. */
function randomBook(seed: number): Book {
  const r = rng(seed);
  const customers = Array.from({ length: 6 }, (_, i) => ({
    customer_id: `K${i}`,
    segment: i % 2 ? 'Enterprise' : 'Small business',
    credit_limit: i === 0 ? null : 5000,
  }));
  const book: Required<Pick<Book, 'invoices' | 'payments' | 'adjustments'>> & Book = {
    customers,
    invoices: [],
    payments: [],
    adjustments: [],
  };
  for (let n = 0; n < 120; n++) {
    const issued = Math.floor(r() * 700);
    const cents = 1000 + Math.floor(r() * 200_000);
    const amount = cents / 100;
    const id = `I${n}`;
    const customer = `K${Math.floor(r() * 6)}`;
    book.invoices.push({ invoice_id: id, customer_id: customer, invoice_date: day(issued), due_date: day(issued + [0, 15, 30, 60][Math.floor(r() * 4)]), amount });
    const fate = r();
    let paidCents = 0;
    if (fate < 0.55) {
      // paid in one go, sometimes a few cents over
      const over = r() < 0.1 ? 500 : 0;
      book.payments.push({ invoice_id: id, payment_date: day(issued + Math.floor(r() * 120)), amount: (cents + over) / 100 });
    } else if (fate < 0.75) {
      // two partial payments
      paidCents = Math.floor(cents / 3);
      book.payments.push({ invoice_id: id, payment_date: day(issued + Math.floor(r() * 40)), amount: paidCents / 100 });
      book.payments.push({ invoice_id: id, payment_date: day(issued + 40 + Math.floor(r() * 80)), amount: (cents - paidCents) / 100 });
    } else if (fate < 0.85) {
      const kind = (['credit_note', 'write_off', 'discount'] as const)[Math.floor(r() * 3)];
      book.adjustments.push({ invoice_id: id, date: day(issued + Math.floor(r() * 200)), amount: Math.max(1, Math.floor(cents / 4)) / 100, kind });
    }
    // else: still open
  }
  for (let n = 0; n < 8; n++) {
    book.payments.push({ customer_id: `K${n % 6}`, invoice_id: null, payment_date: day(Math.floor(r() * 700)), amount: (100 + Math.floor(r() * 50_000)) / 100 });
  }
  return book;
}

/** `iso` moved by `days`. */
function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DATES = ['2023-03-15', '2023-06-30', '2023-12-31', '2024-02-29', '2024-06-30', '2024-11-30'];

for (const seed of [1, 2, 3]) {
  describe(`random book ${seed}`, () => {
    let db: Database;
    let book: Book;
    beforeAll(async () => {
      book = randomBook(seed);
      db = await openBook(book);
    });
    afterAll(() => db.close());

    for (const asOf of DATES) {
      test(`invariants as of ${asOf}`, async () => {
        const k = await portfolioKpis(db, { asOf });
        // buckets + unapplied = AR
        const bucketSum = Object.values(k.aging).reduce((s, v) => s + v, 0);
        expect(bucketSum).toBeCloseTo(k.ar, 6);
        // AR(D) = Σ invoices booked − Σ payments (applied or not) − Σ adjustments, all dated ≤ D
        const cents = (x: number | string) => Math.round(Number(x) * 100);
        const expected =
          book.invoices!.filter((i) => i.invoice_date <= asOf).reduce((s, i) => s + cents(i.amount), 0) -
          book.payments!.filter((p) => p.payment_date <= asOf).reduce((s, p) => s + cents(p.amount), 0) -
          book.adjustments!.filter((a) => a.date <= asOf).reduce((s, a) => s + cents(a.amount), 0);
        expect(Math.round(k.ar * 100)).toBe(expected);
        // ADD = DSO − BPDSO = (AR − current) / sales × W = (overdue + unapplied) / sales × W;
        // the "overdue / sales × W" is the case without credit balances (tested below).
        if (k.sales > 0) expect(k.add!).toBeCloseTo(((k.overdue + k.aging.unapplied) / k.sales) * k.window_days, 9);
        expect(Math.round((k.current + k.overdue + k.aging.unapplied) * 100)).toBe(Math.round(k.ar * 100));
      });

      test(`each customer's balance is the plain per-invoice sum, as of ${asOf}`, async () => {
        const rows = await agingByCustomer(db, { asOf });
        const plain = await db.read((conn) => query<{ customer_id: string; open: number }>(conn, 'reference_open_by_customer', { as_of: asOf }));
        for (const c of book.customers!) {
          const net = plain.find((p) => p.customer_id === c.customer_id)?.open ?? 0;
          const unappliedCash = book.payments!
            .filter((p) => !p.invoice_id && p.customer_id === c.customer_id && p.payment_date <= asOf)
            .reduce((s, p) => s + Number(p.amount), 0);
          const row = rows.find((r) => r.customer_id === c.customer_id);
          expect(row?.ar ?? 0).toBeCloseTo(net - unappliedCash, 6);
        }
        const summary = await agingSummary(db, { asOf });
        expect(rows.reduce((s, r) => s + r.ar, 0)).toBeCloseTo(summary.ar, 6);
      });
    }

    test('AR(S) from the ledger identity equals AR computed invoice by invoice at S', async () => {
      for (const asOf of DATES) {
        const k = await portfolioKpis(db, { asOf, windowDays: 45 });
        const atStart = await agingSummary(db, { asOf: shift(asOf, -45) });
        expect(Math.round(k.ar_start * 100)).toBe(Math.round(atStart.ar * 100));
      }
    });

    test('trend points equal the single-date KPIs', async () => {
      const series = await kpiTrend(db, { from: '2023-05', to: '2024-10' });
      expect(series).toHaveLength(18);
      for (const point of [series[0], series[9], series[17]]) {
        const single = await portfolioKpis(db, { asOf: point.as_of });
        expect(point).toEqual(single);
      }
    });

    test('events dated after D change nothing at D', async () => {
      const asOf = '2024-02-29';
      const before = await portfolioKpis(db, { asOf });
      const later: Book = {
        ...book,
        payments: [...book.payments!, { invoice_id: 'I1', payment_date: '2024-03-01', amount: 1 }, { customer_id: 'K1', invoice_id: null, payment_date: '2024-05-01', amount: 99 }],
        adjustments: [...book.adjustments!, { invoice_id: 'I2', date: '2024-03-02', amount: 1, kind: 'write_off' }],
        invoices: [...book.invoices!, { invoice_id: 'LATE', customer_id: 'K0', invoice_date: '2024-03-01', amount: 500 }],
      };
      const db2 = await openBook(later);
      try {
        expect(await portfolioKpis(db2, { asOf })).toEqual(before);
      } finally {
        await db2.close();
      }
    });
  });
}

describe('a book without credit balances', () => {
  test('ADD = overdue / sales × W exactly', async () => {
    const full = randomBook(4);
    // No unapplied cash and no overpayment: every payment at most what its invoice is owed.
    const owed = new Map(full.invoices!.map((i) => [i.invoice_id, Math.round(Number(i.amount) * 100)]));
    const payments = full.payments!.filter((p) => p.invoice_id).filter((p) => {
      const left = owed.get(p.invoice_id!)! - Math.round(Number(p.amount) * 100);
      owed.set(p.invoice_id!, left);
      return left >= 0;
    });
    const adjustments = full.adjustments!.filter((a) => {
      const left = owed.get(a.invoice_id)! - Math.round(Number(a.amount) * 100);
      owed.set(a.invoice_id, left);
      return left >= 0;
    });
    const db = await openBook({ ...full, payments, adjustments });
    try {
      for (const asOf of DATES) {
        const k = await portfolioKpis(db, { asOf });
        expect(k.aging.unapplied).toBe(0);
        if (k.sales > 0) expect(k.add!).toBeCloseTo((k.overdue / k.sales) * k.window_days, 9);
      }
    } finally {
      await db.close();
    }
  });
});
