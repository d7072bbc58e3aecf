// The backtest: AUC and deciles by hand, the outcome rule on a hand-written book, and on a small
// demo book the planted stories: scores rank late payers below the rest, and every planted
// deteriorating customer is warned at a month-end before it goes bad.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auc, deciles, gini } from '../../src/lib/risk/discrimination.ts';
import { monthEnd } from '../../src/lib/risk/dates.ts';
import type { Book, BookInvoice, BookPayment } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { backtest } from '../../src/lib/server/risk/backtest.ts';
import { warningsOn } from '../../src/lib/server/risk/warnings.ts';
import { withBook } from '../kpi/helpers.ts';
import { SMALL, openDemo, rows } from '../demo/helpers.ts';

describe('discrimination measures', () => {
  test('AUC: the share of (good, bad) pairs ranked the right way, ties half', () => {
    // Good 3, 4, 5 against bad 1, 4: 3>1, 3<4, 4>1, 4=4 (½), 5>1, 5>4 → 4.5 of 6 pairs.
    const judged = [3, 4, 5].map((value) => ({ value, bad: false })).concat([1, 4].map((value) => ({ value, bad: true })));
    expect(auc(judged)).toBe(0.75);
    expect(gini(0.75)).toBe(0.5);
    expect(auc([{ value: 1, bad: false }])).toBeNull(); // no bad customer: nothing to rank
  });

  test('deciles: tenths by score, riskiest first, with their bad rates', () => {
    // Scores 1..20, the four lowest bad: decile 1 = {1, 2} both bad, decile 2 = {3, 4} both bad, the rest clean.
    const judged = Array.from({ length: 20 }, (_, i) => ({ value: i + 1, bad: i < 4 }));
    const d = deciles(judged);
    expect(d.map((r) => r.customers)).toEqual(Array(10).fill(2));
    expect(d.map((r) => r.bad_rate)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([d[0].min_score, d[0].max_score, d[9].max_score]).toEqual([1, 2, 20]);
  });
});

describe('the outcome rule', () => {
  const D = '2024-06-30';
  // Each customer paid three invoices on time before D (so none is a thin history), then one falls due in the horizon.
  const history = (c: string): { invoices: BookInvoice[]; payments: BookPayment[] } => ({
    invoices: ['2024-02-01', '2024-03-01', '2024-04-01'].map((d, k) => ({ invoice_id: `${c}${k}`, customer_id: c, invoice_date: d, amount: 100 })),
    payments: ['2024-03-02', '2024-03-31', '2024-05-01'].map((d, k) => ({ invoice_id: `${c}${k}`, payment_date: d, amount: 100 })),
  });
  const parts = ['ON', 'D15', 'D16', 'UNPAID', 'LATER'].map(history);
  const book: Book = {
    customers: ['ON', 'D15', 'D16', 'UNPAID', 'LATER'].map((customer_id) => ({ customer_id })),
    invoices: [
      ...parts.flatMap((p) => p.invoices),
      { invoice_id: 'ON9', customer_id: 'ON', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 100 },
      { invoice_id: 'D159', customer_id: 'D15', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 100 },
      { invoice_id: 'D169', customer_id: 'D16', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 100 },
      { invoice_id: 'UNPAID9', customer_id: 'UNPAID', invoice_date: '2024-06-15', due_date: '2024-07-15', amount: 100 },
      // Due after the 90-day horizon (2024-09-28): not judged, so LATER is left out.
      { invoice_id: 'LATER9', customer_id: 'LATER', invoice_date: '2024-09-01', due_date: '2024-10-01', amount: 100 },
    ],
    payments: [
      ...parts.flatMap((p) => p.payments),
      { invoice_id: 'ON9', payment_date: '2024-07-15', amount: 100 },
      { invoice_id: 'D159', payment_date: '2024-07-30', amount: 100 }, // 15 days late: still good
      { invoice_id: 'D169', payment_date: '2024-07-31', amount: 100 }, // 16 days late: bad
      { invoice_id: 'LATER9', payment_date: '2024-12-31', amount: 100 },
    ],
  };

  test('bad = an invoice due in (D, D + 90] settled more than 15 days late, or not at all', async () => {
    const r = await withBook(book, (db) => backtest(db, { asOf: D, horizonDays: 90 }));
    expect(r.customers).toBe(4); // ON, D15, D16, UNPAID
    expect(r.bad).toBe(2); // D16 and UNPAID
    expect(r.bad_rate).toBe(0.5);
    expect(r.thin).toEqual({ customers: 0, bad: 0 });
    expect(r.outcome_complete).toBe(true); // the book runs to 2024-12-31, past D + 105
    expect(r.by_tier.reduce((a, t) => a + t.customers, 0)).toBe(4);
    // Before D all four paid alike: equal scores, so the ranking is a coin toss.
    expect(r.auc).toBe(0.5);
  });
});

describe('on a small demo book', () => {
  let db: Database;
  beforeAll(async () => {
    ({ db } = await openDemo(SMALL));
  });
  afterAll(() => db.close());

  test('the score separates those who paid late from the rest (AUC ≥ 0.8) and beats plain days beyond terms', async () => {
    for (const asOf of ['2025-12-31', '2026-03-31']) {
      const r = await backtest(db, { asOf, horizonDays: 90 });
      expect(r.customers, asOf).toBeGreaterThan(100);
      expect(r.auc!, asOf).toBeGreaterThanOrEqual(0.8);
      expect(r.auc!, asOf).toBeGreaterThan(r.baseline.auc!);
      // The riskiest tier goes bad more often than the safest.
      const rate = (tier: string) => r.by_tier.find((t) => t.group === tier)!.bad_rate!;
      expect(rate('watch'), asOf).toBeGreaterThan(rate('vip'));
    }
  });

  test('every planted deteriorating customer is warned (for its behaviour, not its size) at a month-end before it goes bad', async () => {
    // Goes bad: 31 days after the due date of its first undisputed invoice, due once it began to
    // slip, that was never paid.
    const planted = await rows<{ customer_id: string; slips_from: string; bad_from: string | null }>(
      db,
      `SELECT p.customer_id, p.deteriorate_from::VARCHAR AS slips_from,
              (min(s.due_date) FILTER (WHERE s.settle_date IS NULL AND NOT s.disputed AND s.due_date >= p.deteriorate_from) + 31)::VARCHAR AS bad_from
       FROM demo_profiles p JOIN invoice_status s USING (customer_id)
       WHERE p.profile = 'deteriorating' GROUP BY ALL ORDER BY 1`,
    );
    const judged = planted.filter((p) => p.bad_from !== null && p.bad_from <= '2026-10-31');
    expect(judged.length).toBeGreaterThanOrEqual(3);
    for (const p of judged) {
      const monthEnds: string[] = [];
      for (let k = 0; monthEnd(p.bad_from!, k) >= p.slips_from; k++) if (monthEnd(p.bad_from!, k) < p.bad_from!) monthEnds.push(monthEnd(p.bad_from!, k));
      let warned: string | null = null;
      for (const date of monthEnds.reverse()) {
        const ws = await db.read((conn) => warningsOn(conn, date, { customer_id: p.customer_id }));
        if (ws.some((w) => w.customer_id === p.customer_id && w.rule !== 'concentration')) {
          warned = date;
          break;
        }
      }
      expect(warned, `${p.customer_id} slipping from ${p.slips_from}, bad from ${p.bad_from}`).not.toBeNull();
    }
  });
});
