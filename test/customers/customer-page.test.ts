// One customer's page as of a date: its figures are the aging table's, its open invoices add up
// to its AR, the timeline runs each invoice from issue to settlement (open ones to D) with its
// days late, the histogram bins its settled invoices by days beyond terms.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { agingByCustomer } from '../../src/lib/server/aging.ts';
import { dbtBins, paymentTimeline } from '../../src/lib/server/customers.ts';
import { analyst, loadEvent, statusOf, twoCustomers } from './helpers.ts';
import type { PageServerData } from '../../src/routes/customers/[id]/$types';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/app-db', () => ({ appDb: async () => state.db }));
const { load } = await import('../../src/routes/customers/[id]/+page.server.ts');

const D = '2024-03-31';
const cents = (x: number) => Math.round(x * 100);
let db: Database;

async function customerPage(id: string, query = `as_of=${D}`, user = analyst) {
  const out = (await load((await loadEvent(db, `/customers/${id}?${query}`, { id }, user)) as never)) as PageServerData;
  return out.customer!;
}

beforeAll(async () => {
  db = await openBook(twoCustomers);
  state.db = db;
});
afterAll(() => db.close());

describe('figures', () => {
  test('AR, overdue and utilisation are agingByCustomer’s for the customer', async () => {
    const c = await customerPage('A');
    const row = (await agingByCustomer(db, { asOf: D })).find((r) => r.customer_id === 'A')!;
    expect(c.figures.ar).toBe(row.ar);
    expect(c.figures.overdue).toBe(row.overdue);
    expect(c.figures.utilisation).toBe(row.utilisation);
    // By hand: 1,000 + 300 + 400 − 50 = 1,650; overdue 300 + 400 = 700; 1,650 / 5,000 = 33%.
    expect(cents(c.figures.ar)).toBe(165000);
    expect(cents(c.figures.overdue)).toBe(70000);
    expect(c.figures.utilisation).toBeCloseTo(0.33, 12);
    expect(c.profile).toMatchObject({ name: 'Acme Tools', currency: 'USD', credit_limit: 5000, payment_terms_days: 30, invoices: 4 });
  });

  test('in another currency: B owes EUR 1,000 + 300 + 100 − 50 at 1.20 = 1,620 USD and has no limit', async () => {
    const c = await customerPage('B');
    expect(cents(c.figures.ar)).toBe(162000);
    expect(c.figures.utilisation).toBeNull();
    expect(c.profile.credit_limit).toBeNull();
  });

  test('the same figures whatever view the page was reached from, even one that leaves the customer out', async () => {
    // A is in the Enterprise segment; the SMB view's aging table does not hold it.
    for (const query of ['segment=Enterprise', 'segment=SMB', 'currency=EUR']) {
      const c = await customerPage('A', `as_of=${D}&${query}`);
      expect(cents(c.figures.ar), query).toBe(165000);
      expect(cents(c.figures.overdue), query).toBe(70000);
    }
  });

  test('a customer who owes nothing shows zero, not an error', async () => {
    const c = await customerPage('C');
    // Nothing owed against a 2,000 limit: none of it used.
    expect(c.figures).toMatchObject({ ar: 0, overdue: 0, utilisation: 0 });
    expect(c.open.lines).toBe(0);
  });

  test('an unknown customer is a 404; an anonymous request a 401', async () => {
    expect(await statusOf(() => customerPage('Z'))).toBe(404);
    expect(await statusOf(() => customerPage('A', `as_of=${D}`, null as never))).toBe(401);
  });
});

describe('open invoices', () => {
  test('they add up to the customer’s AR: A3, A2, A1 by due date, then A4’s credit', async () => {
    const c = await customerPage('A');
    expect(c.open.rows.map((r) => [r.ref, r.days_past_due, cents(r.base_open)])).toEqual([
      ['A3', 91, 40000],
      ['A2', 20, 30000],
      ['A1', -9, 100000],
      ['A4', 56, -5000],
    ]);
    expect(cents(c.open.total)).toBe(cents(c.figures.ar));
  });
});

describe('payment timeline', () => {
  test('each invoice booked by D from issue to settlement, open ones with D’s days late', async () => {
    const c = await customerPage('A');
    const tl = c.timeline;
    // Four invoices by D (A5 is dated after it), all within the longest window.
    expect([tl.months, tl.in_window, tl.booked]).toEqual([36, 4, 4]);
    const byId = Object.fromEntries(tl.invoices.map((i) => [i.invoice_id, i]));
    // A4 paid in full (300 ≥ 250) on 2024-02-20, due 2024-02-04: 16 days late.
    expect(byId.A4).toMatchObject({ settle_date: '2024-02-20', days_late: 16 });
    // Open at D: A1 due 2024-04-09 (−9), A2 due 2024-03-11 (20), A3 due 2023-12-31 (31 + 29 + 31 = 91).
    expect([byId.A1, byId.A2, byId.A3].map((i) => [i.settle_date, i.days_late])).toEqual([[null, -9], [null, 20], [null, 91]]);
    // Latest invoice first.
    expect(tl.invoices.map((i) => i.invoice_id)).toEqual(['A1', 'A2', 'A4', 'A3']);
  });

  test('with many invoices, the longest window that holds few enough, and the latest of them', async () => {
    // At most 2: every window holds all 4 (even the 3 months after 2023-12-31: A4 settled after
    // it, the rest are open), so the shortest is taken and its latest 2 shown.
    const tl = await paymentTimeline(db, 'A', D, 2);
    expect([tl.months, tl.in_window, tl.invoices.length]).toEqual([3, 4, 2]);
    expect(tl.invoices.map((i) => i.invoice_id)).toEqual(['A1', 'A2']);
    // C1 settled 2024-02-10. At 2024-06-30 with at most 3 per window, the 36 months hold it;
    // with at most 0, only the 3 months (after 2024-03-30) are empty enough.
    const c3 = await paymentTimeline(db, 'C', '2024-06-30', 3);
    expect([c3.months, c3.in_window, c3.booked, c3.invoices.map((i) => i.invoice_id)]).toEqual([36, 1, 1, ['C1']]);
    const c0 = await paymentTimeline(db, 'C', '2024-06-30', 0);
    expect([c0.months, c0.window_start, c0.in_window, c0.invoices.length]).toEqual([3, '2024-03-30', 0, 0]);
  });
});

describe('days-beyond-terms histogram', () => {
  test('bins from on time to 121+; A settled only A4 in the 12 months to D, 16 days late: 250 in 15–30', async () => {
    const c = await customerPage('A');
    expect(c.histogram.start).toBe('2023-03-31');
    expect(c.histogram.bins.map((b) => [b.from, b.to])).toEqual(dbtBins().map((b) => [b.from, b.to]));
    expect(c.histogram.bins.map((b) => [b.from, b.to])).toEqual([[0, 0], [1, 7], [8, 14], [15, 30], [31, 45], [46, 60], [61, 90], [91, 120], [121, null]]);
    const filled = c.histogram.bins.filter((b) => b.invoices > 0);
    expect(filled).toEqual([{ from: 15, to: 30, invoices: 1, amount: 250, share: 1 }]);
  });

  test('C paid C1 four days early: on time', async () => {
    const c = await customerPage('C');
    expect(c.histogram.bins[0]).toEqual({ from: 0, to: 0, invoices: 1, amount: 600, share: 1 });
  });
});

describe('score history', () => {
  test('streams in after the page, ending at D', async () => {
    const c = await customerPage('A');
    const history = await c.scores;
    expect(history.at(-1)?.date).toBe(D);
  });

  test('the statement download is offered to roles that may export', async () => {
    expect((await customerPage('A')).canExport).toBe(true);
    expect((await customerPage('A', `as_of=${D}`, { name: 'x', role: 'cfo' })).canExport).toBe(true);
  });
});
