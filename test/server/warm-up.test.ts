// The default views computed ahead: after warmDefaultViews, what the overview, risk, warnings,
// customers and aging pages ask for first is already remembered; a write calls the listeners
// that start the next warm-up, and forgets what was remembered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { bookParams } from '../../src/lib/server/book-params.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queriesDuring } from '../helpers/queries-during.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { keepDefaultViewsWarm, warmDefaultViews } from '../../src/lib/server/warm-up.ts';
import { agingPageFigures } from '../../src/lib/server/aging-page.ts';
import { overviewData } from '../../src/lib/server/overview.ts';
import { agingParamsFromUrl, viewOrProblem } from '../../src/lib/server/page-params.ts';
import { allCustomerPageFigures } from '../../src/lib/server/customer-page.ts';
import { RECENT_VIEWS, noteView, recentViews } from '../../src/lib/server/recent-views.ts';

/** Resolves with the remembered answer, or rejects when `name` for `params` would have to be computed. */
function remembered(db: Database, name: string, params: unknown): Promise<unknown> {
  return db.remember(name, params, async () => {
    throw new Error(`${name} was not computed ahead`);
  });
}

describe('warmDefaultViews', () => {
  let db: Database;
  let last: string;
  beforeAll(async () => {
    db = await Database.open(':memory:');
    await generateDemo(db, { customers: 40, invoices: 2_000, seed: 3 });
    last = (await bookBounds(db)).last_date!;
  });
  afterAll(() => db.close());

  test('remembers the default view of every page', async () => {
    const problems: string[] = [];
    await warmDefaultViews(db, (p) => problems.push(p));
    expect(problems).toEqual([]);
    const whole = { asOf: last, filter: {} };
    await expect(remembered(db, 'portfolioKpis', bookParams({ ...whole, basis: 'due' }))).resolves.toBeTruthy();
    await expect(remembered(db, 'agingByCustomer', bookParams(whole))).resolves.toBeTruthy();
    await expect(remembered(db, 'customerScores', whole)).resolves.toBeTruthy();
    await expect(remembered(db, 'riskPortfolio', { ...whole, months: 12 })).resolves.toBeTruthy();
    await expect(remembered(db, 'earlyWarnings', whole)).resolves.toBeTruthy();
    // Another view was not computed.
    await expect(remembered(db, 'customerScores', { asOf: last, filter: { segment: 'Enterprise' } })).rejects.toThrow('not computed ahead');
  });

  test('the aging page and the overview then answer their default view without a query', async () => {
    await warmDefaultViews(db);
    const bounds = await bookBounds(db);
    const { view } = viewOrProblem(new URL('http://localhost/'), bounds);
    const defaults = await queriesDuring(db, async () => {
      const aging = await agingPageFigures(db, view!, agingParamsFromUrl(new URL('http://localhost/aging')));
      expect(aging.rows.length).toBeGreaterThan(0);
      const overview = await overviewData(db, view!, bounds.first_date!);
      await Promise.all([overview.trend, overview.ecl, overview.topOverdue, overview.warnings]);
      // Sorted by another column, the aging page reuses the remembered lines.
      await agingPageFigures(db, view!, agingParamsFromUrl(new URL('http://localhost/aging?sort=name')));
    });
    expect(defaults).toBe(0);
    // Other bucket edges have to be worked out.
    const otherEdges = await queriesDuring(db, async () => {
      await agingPageFigures(db, view!, agingParamsFromUrl(new URL('http://localhost/aging?buckets=15,45')));
    });
    expect(otherEdges).toBeGreaterThan(0);
  });

  test('a customer page opened lately is computed again with the default views', async () => {
    const bounds = await bookBounds(db);
    const { view } = viewOrProblem(new URL('http://localhost/'), bounds);
    const [{ customer_id: id }] = await db.read((conn) => queryText<{ customer_id: string }>(conn, 'SELECT min(customer_id) AS customer_id FROM invoices'));
    const figures = () => allCustomerPageFigures(db, id, view!);
    noteView(db, `customer ${id}`, () => figures());
    // A write forgets the customer's answers; the warm-up after it computes them again.
    await db.write((conn) => conn.run(`INSERT INTO settings VALUES ('recent views test', 'x')`).then(() => undefined));
    await warmDefaultViews(db);
    const queries = await queriesDuring(db, async () => {
      const [profile] = await figures();
      expect(profile?.customer_id).toBe(id);
    });
    expect(queries).toBe(0);
  });

  test('only the views opened last are kept, the most recent first', () => {
    const other = {} as Database;
    const order: number[] = [];
    for (let i = 0; i <= RECENT_VIEWS; i++) noteView(other, `view ${i}`, async () => order.push(i));
    noteView(other, 'view 3', async () => order.push(3)); // opened again: the most recent now
    const kept = recentViews(other);
    expect(kept).toHaveLength(RECENT_VIEWS);
    for (const refresh of kept) void refresh();
    // view 0 dropped out (the oldest); view 3 comes first.
    expect(order).toEqual([3, ...Array.from({ length: RECENT_VIEWS }, (_, k) => RECENT_VIEWS - k).filter((i) => i !== 3)]);
  });

  test('a write forgets the remembered answers and calls the after-write listeners', async () => {
    await warmDefaultViews(db);
    let calls = 0;
    db.afterEachWrite(() => calls++);
    await db.write(async (conn) => {
      await conn.run(`INSERT INTO settings VALUES ('warm-up test', 'x')`);
    });
    expect(calls).toBe(1);
    await expect(remembered(db, 'customerScores', { asOf: last, filter: {} })).rejects.toThrow('not computed ahead');
  });
});

describe('keepDefaultViewsWarm', () => {
  test('after an import, visitors get the figures from before it without waiting, then the new ones once the refresh is done', async () => {
    const db = await Database.open(':memory:');
    try {
      await generateDemo(db, { customers: 40, invoices: 2_000, seed: 5 });
      await keepDefaultViewsWarm(db, { monthEnds: false });
      const last = (await bookBounds(db)).last_date!;
      const whole = { asOf: last, filter: {} };
      const before = await portfolioKpis(db, whole);

      // A new invoice of 1,234.56 in the base currency, issued on the book's last day, open at D.
      await db.write(async (conn) => {
        await queryText(
          conn,
          `INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed)
           SELECT 'WARM-1', customer_id, $d::DATE, $d::DATE + 30, 1234.56, currency, false
           FROM customers WHERE currency = base_currency() ORDER BY customer_id LIMIT 1`,
          { d: last },
        );
        await refreshSettlements(conn, true);
      });
      // Served at once, from before the write (the very same answer).
      expect(await portfolioKpis(db, whole)).toBe(before);

      await db.afterWritesSettled();
      const after = await portfolioKpis(db, whole);
      expect(after.ar).toBeCloseTo(before.ar + 1234.56, 2);
      expect(after.open_invoices).toBe(before.open_invoices + 1);
      // A view that is not published was computed on the new data straight away.
      expect((await portfolioKpis(db, { asOf: last, filter: { currency: 'USD' } })).as_of).toBe(last);
    } finally {
      await db.close();
    }
  });

  test('a customer page opened for the first time is served from before the next write too', async () => {
    const db = await Database.open(':memory:');
    try {
      await generateDemo(db, { customers: 40, invoices: 2_000, seed: 5 });
      await keepDefaultViewsWarm(db, { monthEnds: false });
      const bounds = await bookBounds(db);
      const { view } = viewOrProblem(new URL('http://localhost/'), bounds);
      const [{ customer_id: id }] = await db.read((conn) => queryText<{ customer_id: string }>(conn, 'SELECT min(customer_id) AS customer_id FROM invoices'));
      const open = () => allCustomerPageFigures(db, id, view!);
      const before = await open();
      // Opened for the first time: the warm-up takes the view in at once.
      await noteView(db, `customer ${id}`, () => open());
      await db.write((conn) => conn.run(`INSERT INTO settings VALUES ('first view test', 'x')`).then(() => undefined));
      // Right after the write, the score history is still the one from before it (not computed again).
      const history = { asOf: view!.asOf, customerId: id, months: 12 };
      await expect(remembered(db, 'scoreHistory', history)).resolves.toBe(before[5]);
      await db.afterWritesSettled();
    } finally {
      await db.close();
    }
  });
});
