// The aging drill-down: every amount of the aging table (a customer's bucket, overdue, unapplied,
// AR, and each column's total) opens the lines behind it, and they add up to that amount.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { agingByCustomer, agingSummary } from '../../src/lib/server/aging.ts';
import { agingInvoices } from '../../src/lib/server/aging-invoices.ts';
import { drillHref } from '../../src/lib/aging-table.ts';
import { loadEvent, statusOf, twoCustomers } from './helpers.ts';
import type { PageServerData } from '../../src/routes/aging/invoices/$types';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/app-db', () => ({ appDb: async () => state.db }));
const { load } = await import('../../src/routes/aging/invoices/+page.server.ts');

const D = '2024-03-31';
const cents = (x: number) => Math.round(x * 100);
let db: Database;

type Drill = NonNullable<PageServerData['drill']>;
async function drill(query: string): Promise<Drill> {
  const out = (await load((await loadEvent(db, `/aging/invoices?as_of=${D}&${query}`)) as never)) as PageServerData;
  return out.drill!;
}

beforeAll(async () => {
  db = await openBook(twoCustomers);
  state.db = db;
});
afterAll(() => db.close());

describe('the lines behind one customer’s amounts', () => {
  test('a bucket: B’s 1–30 days is B1, EUR 1,000 at 1.20 = 1,200 USD', async () => {
    const d = await drill('customer=B&bucket=1-30');
    expect(d.customer?.name).toBe('Blue Ocean GmbH');
    expect(d.rows.map((r) => r.ref)).toEqual(['B1']);
    expect(d.rows[0].open).toBe(1000);
    expect(cents(d.total)).toBe(120000);
  });

  test('AR: A’s open invoices and its credit, 1,000 + 300 + 400 − 50 = 1,650, oldest due first, credits last', async () => {
    const d = await drill('customer=A&bucket=ar');
    expect(d.rows.map((r) => r.ref)).toEqual(['A3', 'A2', 'A1', 'A4']);
    expect(d.rows.map((r) => r.kind)).toEqual(['invoice', 'invoice', 'invoice', 'credit']);
    expect(cents(d.total)).toBe(165000);
  });

  test('unapplied: B’s EUR 50 of cash not matched to an invoice, −60 USD', async () => {
    const d = await drill('customer=B&bucket=unapplied');
    expect(d.rows).toMatchObject([{ kind: 'unapplied_cash', open: -50 }]);
    expect(cents(d.total)).toBe(-6000);
  });
});

describe('the lines behind the totals row', () => {
  test('current: A1 1,000 + B3 EUR 100 × 1.20 = 1,120', async () => {
    const d = await drill('bucket=current');
    expect(d.customer).toBeNull();
    expect(d.rows.map((r) => r.ref).sort()).toEqual(['A1', 'B3']);
    expect(cents(d.total)).toBe(112000);
  });

  test('overdue: A2 300 + A3 400 + B1 1,200 + B2 360 = 2,260; unapplied: −50 − 60 = −110', async () => {
    expect(cents((await drill('bucket=overdue')).total)).toBe(226000);
    expect(cents((await drill('bucket=unapplied')).total)).toBe(-11000);
  });

  test('one customer’s lines do not depend on the view it was opened from', async () => {
    // A is in the Enterprise segment; a link kept the SMB view.
    expect(cents((await drill('segment=SMB&customer=A&bucket=ar')).total)).toBe(165000);
  });

  test('the view’s filter applies: the SMB segment’s AR is B’s alone, 1,200 + 360 + 120 − 60 = 1,620', async () => {
    const d = await drill('segment=SMB&bucket=ar');
    expect(d.rows.every((r) => r.ref.startsWith('B') || r.kind === 'unapplied_cash')).toBe(true);
    expect(cents(d.total)).toBe(162000);
  });

  test('other bucket edges: 15,45 puts A3 (91 days) and B2 (51 days) in 45+, 400 + 360 = 760', async () => {
    const d = await drill('buckets=15,45&bucket=45%2B');
    expect(d.rows.map((r) => r.ref)).toEqual(['A3', 'B2']);
    expect(cents(d.total)).toBe(76000);
  });
});

describe('every cell of the aging table ties to its drill-down', () => {
  test('each customer’s buckets, overdue, unapplied and AR, and each total, equal the sum of their lines', async () => {
    const labels = ['current', '1-30', '31-60', '61-90', '91-120', '120+'];
    const rows = await agingByCustomer(db, { asOf: D });
    expect(rows.map((r) => r.customer_id).sort()).toEqual(['A', 'B']);
    for (const r of rows) {
      for (const cell of [...labels, 'overdue', 'unapplied', 'ar']) {
        const d = await drill(`customer=${r.customer_id}&bucket=${encodeURIComponent(cell)}`);
        expect(cents(d.total), `${r.customer_id} ${cell}`).toBe(cents(r[cell] as number));
      }
    }
    const summary = await agingSummary(db, { asOf: D });
    for (const b of summary.buckets) expect(cents((await drill(`bucket=${encodeURIComponent(b.label)}`)).total), b.label).toBe(cents(b.amount));
    expect(cents((await drill('bucket=unapplied')).total)).toBe(cents(summary.unapplied));
    expect(cents((await drill('bucket=ar')).total)).toBe(cents(summary.ar));
  });

  test('a page of lines carries the count and total of them all', async () => {
    const page = await agingInvoices(db, { asOf: D, cell: 'ar', limit: 2, offset: 2 });
    expect(page.lines).toBe(8); // A1–A4, B1–B3 and B's cash (A5 is dated after D)
    expect(page.rows).toHaveLength(2);
    // 1,650 + 1,620 = 3,270, whichever page is shown.
    expect(cents(page.total)).toBe(327000);
  });

  test('links keep the view and the bucket edges', () => {
    const here = new URL('http://x/aging?as_of=2024-03-31&segment=SMB&sort=-ar&page=2&buckets=15,45');
    expect(drillHref(here, '45+', 'B', '15,45')).toBe('/aging/invoices?as_of=2024-03-31&segment=SMB&customer=B&bucket=45%2B&buckets=15%2C45');
    expect(drillHref(here, 'ar', null, null)).toBe('/aging/invoices?as_of=2024-03-31&segment=SMB&bucket=ar');
  });
});

describe('bad addresses', () => {
  test('an unknown column is a 400, an unknown customer a 404, a page past the end shows the last', async () => {
    expect(await statusOf(() => drill('bucket=90-120'))).toBe(400);
    expect(await statusOf(() => drill('customer=A'))).toBe(400);
    expect(await statusOf(() => drill('customer=Z&bucket=ar'))).toBe(404);
    const d = await drill('customer=A&bucket=ar&page=7');
    expect([d.page, d.pages]).toEqual([1, 1]);
  });

  test('an anonymous request is refused', async () => {
    const event = await loadEvent(db, `/aging/invoices?bucket=ar`, {}, null);
    expect(await statusOf(() => load(event as never) as Promise<unknown>)).toBe(401);
  });
});
