// The fallback beyond the browser's row limit: the explorer's views binned by DuckDB on the server
// (GET /explore/bins), on a small hand-written book. Each view's bins leave out its own filter and
// keep every other; the summary is the whole selection's; both are checked against figures worked
// out by hand and against a hand-written SQL query over the book's own tables. Unknown filters are
// a 400; the row limit can be lowered with DUESIGHT_EXPLORE_ROW_LIMIT, and the page then asks for bins.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { emptySelection, type Selection } from '../../src/lib/explore/selection.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { exploreBins } from '../../src/lib/server/explore/bins.ts';
import { forgetKeptBooks } from '../../src/lib/server/explore/kept-book.ts';
import { warmExplorePayload } from '../../src/lib/server/explore/payload-cache.ts';
import { exploreRowLimit } from '../../src/lib/server/explore/row-limit.ts';
import { selectedInvoices } from '../../src/lib/server/explore/selection.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { openBook } from '../helpers/book.ts';

let db: Database;
vi.mock('$lib/server/app-db', () => ({ appDb: async () => db }));
const bins = await import('../../src/routes/explore/bins/+server.ts');
const data = await import('../../src/routes/explore/data/+server.ts');
const explorePage = await import('../../src/routes/explore/+page.server.ts');

const analyst = { user: { name: 'ana', role: 'analyst' as const } };
const scope = { asOf: '2024-04-20', segment: null, region: null, currency: null, tier: null };

/** Calls a GET handler as SvelteKit would, an error thrown with a status becoming that response. */
async function call(handler: (event: never) => Response | Promise<Response>, path: string, locals: App.Locals = analyst): Promise<Response> {
  try {
    return await handler({ url: new URL(`http://localhost${path}`), locals } as never);
  } catch (err) {
    const e = err as { status?: number; body?: { message: string } };
    if (e.status) return new Response(JSON.stringify(e.body), { status: e.status });
    throw err;
  }
}

/** A selection built from parts of one (categories: only those picked). */
function select(parts: Partial<Omit<Selection, 'categories'>> & { categories?: Partial<Selection['categories']> } = {}): Selection {
  return { ...emptySelection(), ...parts, categories: { ...emptySelection().categories, ...parts.categories } };
}

/**
 * The selection's figures straight from the tables (each paid invoice of this book is paid once,
 * in full, so its settle date is its payment's date): invoices with days beyond terms in
 * [$lo, $hi) of customers in $region.
 */
const EXPECTED_SQL = `
WITH inv AS (
  SELECT i.invoice_id, c.region, i.amount, i.due_date, p.payment_date AS settle
  FROM invoices i JOIN customers c USING (customer_id) LEFT JOIN payments p USING (invoice_id)
  WHERE i.invoice_date <= $as_of::DATE
)
SELECT count(*)::INTEGER AS count, sum(amount)::DOUBLE AS amount,
       (sum(amount * greatest(settle - due_date, 0)) / sum(amount))::DOUBLE AS dbt,
       (count(*) FILTER (WHERE settle <= due_date) / count(*))::DOUBLE AS on_time
FROM inv WHERE settle - due_date >= $lo AND settle - due_date < $hi AND region = $region`;

describe('the explorer binned on the server', () => {
  beforeAll(async () => {
    db = await openBook({
      customers: [
        { customer_id: 'C1', segment: 'Enterprise', region: 'EMEA' },
        { customer_id: 'C2', segment: 'SMB', region: 'APAC' },
        { customer_id: 'C3', segment: 'SMB', region: 'EMEA' },
      ],
      invoices: [
        // Days to pay and beyond terms, as of 2024-04-20 (2024 is a leap year):
        // A: 01-10 → paid 02-19 = 40 days; due 02-09 → 10 beyond.
        { invoice_id: 'A', customer_id: 'C1', invoice_date: '2024-01-10', due_date: '2024-02-09', amount: '1000.00' },
        // B: 02-05 → paid 03-01 = 25 days; due 03-06 → -5.
        { invoice_id: 'B', customer_id: 'C1', invoice_date: '2024-02-05', due_date: '2024-03-06', amount: '250.50' },
        // C: 02-20 → paid 04-05 = 9 + 31 + 5 = 45 days; due 03-06 → 30 beyond.
        { invoice_id: 'C', customer_id: 'C2', invoice_date: '2024-02-20', due_date: '2024-03-06', amount: '80.00' },
        // D: open.
        { invoice_id: 'D', customer_id: 'C2', invoice_date: '2024-03-15', due_date: '2024-04-14', amount: '400.00' },
        // E: 03-01 → paid 04-20 = 50 days; due 03-31 → 20 beyond.
        { invoice_id: 'E', customer_id: 'C3', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: '120.25' },
        // F: 04-02 → paid 04-10 = 8 days; due 04-17 → -7.
        { invoice_id: 'F', customer_id: 'C3', invoice_date: '2024-04-02', due_date: '2024-04-17', amount: '60.00' },
      ],
      payments: [
        { invoice_id: 'A', payment_date: '2024-02-19', amount: '1000.00', method: 'transfer' },
        { invoice_id: 'B', payment_date: '2024-03-01', amount: '250.50', method: 'card' },
        { invoice_id: 'C', payment_date: '2024-04-05', amount: '80.00', method: 'card' },
        { invoice_id: 'E', payment_date: '2024-04-20', amount: '120.25', method: 'check' },
        { invoice_id: 'F', payment_date: '2024-04-10', amount: '60.00', method: 'transfer' },
      ],
    });
  });
  afterAll(async () => {
    await forgetKeptBooks();
    await db.close();
  });
  afterEach(() => {
    delete process.env.DUESIGHT_EXPLORE_ROW_LIMIT;
  });

  // Days beyond terms in [0, 30) and region EMEA: A (10, EMEA) and E (20, EMEA); B, F are early,
  // C is 30 beyond (the end is left out) and in APAC, D is open.
  const brushed = select({ dbt: [0, 30], categories: { region: ['EMEA'] } });

  test('the summary is the whole selection, as a hand-written SQL query and by hand', async () => {
    const b = await exploreBins(db, scope, brushed);
    // count 2; amount 1000 + 120.25 = 1120.25; dbt (1000 × 10 + 120.25 × 20) / 1120.25 = 12405 / 1120.25;
    // days to pay (1000 × 40 + 120.25 × 50) / 1120.25 = 46012.5 / 1120.25; on time: neither (both late) → 0.
    expect(b.summary).toMatchObject({ count: 2, amount: 1120.25, settled: 2, onTimeRate: 0 });
    expect(b.summary.dbt).toBeCloseTo(12405 / 1120.25, 9);
    expect(b.summary.daysToPay).toBeCloseTo(46012.5 / 1120.25, 9);
    const [sql] = await db.read((conn) => queryText<{ count: number; amount: number; dbt: number; on_time: number }>(conn, EXPECTED_SQL, { as_of: scope.asOf, lo: 0, hi: 30, region: 'EMEA' }));
    expect(b.summary).toMatchObject({ count: sql.count, amount: sql.amount, onTimeRate: sql.on_time });
    expect(b.summary.dbt).toBeCloseTo(sql.dbt, 9);
    expect(b.invoices).toBe(6);
    // The list reads the same kept invoices: A then E, largest first.
    const rows = await selectedInvoices(db, scope, brushed, 10);
    expect(rows.map((r) => [r.invoice_id, r.amount, r.days_beyond_terms, r.method])).toEqual([
      ['A', 1000, 10, 'transfer'],
      ['E', 120.25, 20, 'check'],
    ]);
  });

  test('each view is binned under every filter but its own, with its unfiltered bins beside', async () => {
    const b = await exploreBins(db, scope, brushed);
    // Region, under the histogram's brush only: EMEA A + E; APAC none (C is 30 beyond). Behind:
    // EMEA A + B + E + F = 1000 + 250.50 + 120.25 + 60 = 1430.75; APAC C + D = 480.
    expect(b.views.region).toEqual([
      { bin: 'APAC', count: 0, amount: 0, total_count: 2, total_amount: 480 },
      { bin: 'EMEA', count: 2, amount: 1120.25, total_count: 4, total_amount: 1430.75 },
    ]);
    // The histogram, under the region pick only: EMEA's settled A (10), B (-5), E (20), F (-7).
    // Its edges span the scope's days beyond terms, -7 (F) to 30 (C): 38 days ≤ 80 bins, so 1-day
    // bins from -7; a value's bin is value + 7: A 17, B 2, E 27, F 0, and C (APAC) 37 behind.
    expect(b.edges.dbt[0]).toBe(-7);
    expect(b.edges.dbt.length - 1).toBe(38);
    expect(b.views.dbt).toEqual([
      { bin: '0', count: 1, amount: 60, total_count: 1, total_amount: 60 },
      { bin: '17', count: 1, amount: 1000, total_count: 1, total_amount: 1000 },
      { bin: '2', count: 1, amount: 250.5, total_count: 1, total_amount: 250.5 },
      { bin: '27', count: 1, amount: 120.25, total_count: 1, total_amount: 120.25 },
      { bin: '37', count: 0, amount: 0, total_count: 1, total_amount: 80 },
    ]);
    // Segments under both: Enterprise A; SMB E. Behind: Enterprise A + B = 1250.50; SMB C + D + E + F = 660.25.
    expect(b.views.segment).toEqual([
      { bin: 'Enterprise', count: 1, amount: 1000, total_count: 2, total_amount: 1250.5 },
      { bin: 'SMB', count: 1, amount: 120.25, total_count: 4, total_amount: 660.25 },
    ]);
    // Months January to April, none skipped; A in January, E in March.
    expect(b.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(b.views.month!.map((m) => [m.bin, m.count, m.amount, m.total_amount])).toEqual([
      ['2024-01', 1, 1000, 1000],
      ['2024-02', 0, 0, 330.5],
      ['2024-03', 1, 120.25, 520.25],
      ['2024-04', 0, 0, 60],
    ]);
    // Methods (the open D has none): transfer A (F fails the brush), check E.
    expect(b.views.method!.map((m) => [m.bin, m.count, m.amount, m.total_count])).toEqual([
      ['card', 0, 0, 2],
      ['check', 1, 120.25, 1],
      ['transfer', 1, 1000, 2],
      ['~none', 0, 0, 1],
    ]);
    // Terms: A and E are on 30 days (with B and D behind); C and F on 15.
    expect(b.views.terms!.map((m) => [m.bin, m.count, m.total_count, m.total_amount])).toEqual([
      ['15', 0, 2, 140],
      ['30', 2, 4, 1770.75],
    ]);
    // The scatter's cells hold the settled invoices: 2 pass the other views, 5 in all.
    const sum = (key: 'count' | 'total_count') => b.views.scatter!.reduce((s, c) => s + c[key], 0);
    expect([sum('count'), sum('total_count')]).toEqual([2, 5]);
    // Every tier bar adds up to the same invoices.
    expect(b.views.tier!.reduce((s, c) => s + c.count, 0)).toBe(2);
  });

  test('a scatter brush filters the other views but not the scatter; a re-filter uses the kept book', async () => {
    // Amount in [100, 1100) and days to pay in [30, 60): A (1000, 40) and E (120.25, 50); months
    // March to April leave E alone: count 1, amount 120.25, 20 days beyond, late.
    const s = select({ amount: [100, 1100], ydays: [30, 60], month: ['2024-03', '2024-04'] });
    const b = await exploreBins(db, scope, s);
    expect(b.summary).toMatchObject({ count: 1, amount: 120.25, dbt: 20, onTimeRate: 0 });
    // The months under the scatter brush alone: A in January, E in March.
    expect(b.views.month!.filter((m) => m.count > 0).map((m) => m.bin)).toEqual(['2024-01', '2024-03']);
    // The scatter under the months alone: E and F are the settled invoices of March and April.
    expect(b.views.scatter!.reduce((n, c) => n + c.count, 0)).toBe(2);
  });

  test('GET /explore/bins answers the page\'s own query; an unknown filter, column or value is a 400', async () => {
    const res = await call(bins.GET, '/explore/bins?as_of=2024-04-20&dbt=0..30&pick_region=EMEA');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary.count).toBe(2);
    expect(body.y).toBe('days_to_pay');
    const bad = async (query: string) => {
      const r = await call(bins.GET, `/explore/bins?${query}`);
      expect(r.status).toBe(400);
      return ((await r.json()) as { message: string }).message;
    };
    expect(await bad('pick_customer=C1')).toMatch(/Unknown parameter "pick_customer"/);
    expect(await bad('columns=amount')).toMatch(/Unknown parameter "columns"/);
    expect(await bad('sort=amount;DROP TABLE invoices')).toMatch(/Unknown parameter "sort"/);
    expect(await bad('dbt=30..0')).toMatch(/not two numbers lo..hi/);
    expect(await bad('pick_terms=thirty')).toMatch(/not a whole number of days/);
    expect(await bad('tier=gold')).toMatch(/no tier "gold"/);
    expect((await call(bins.GET, '/explore/bins', { user: { name: 'cfo', role: 'cfo' } })).status).toBe(403);
  });

  test('DUESIGHT_EXPLORE_ROW_LIMIT lowers the row limit: the columns are refused and the page asks for bins', async () => {
    expect(exploreRowLimit({})).toBe(1_000_000);
    expect(exploreRowLimit({ DUESIGHT_EXPLORE_ROW_LIMIT: '5' })).toBe(5);
    expect(() => exploreRowLimit({ DUESIGHT_EXPLORE_ROW_LIMIT: 'lots' })).toThrow(/not a whole number/);
    const load = (asOf: string) =>
      explorePage.load({ locals: analyst, parent: async () => ({ view: { asOf, latest: false, segment: null, region: null, currency: null }, problem: null }) } as never) as Promise<{
        explore: { invoices: number; binned: boolean };
      }>;
    expect((await load('2024-04-20')).explore).toMatchObject({ invoices: 6, binned: false });
    process.env.DUESIGHT_EXPLORE_ROW_LIMIT = '5';
    // Six invoices by 2024-04-20 (the book's last day), more than 5: binned; five by 2024-03-31 (F is of April): columns.
    expect((await load('2024-04-20')).explore).toMatchObject({ invoices: 6, binned: true });
    expect((await load('2024-03-31')).explore).toMatchObject({ invoices: 5, binned: false });
    const res = await call(data.GET, '/explore/data?as_of=2024-04-20');
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/6 invoices, more than the 5 sent as columns/);
    // Computing the default view ahead then keeps the binned book rather than failing on the columns.
    await expect(warmExplorePayload(db, { asOf: '2024-04-20', segment: null, region: null, currency: null })).resolves.toBeUndefined();
  });
});
