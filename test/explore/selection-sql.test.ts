// The same selection applied in the browser (Arrow columns → cross-filter) and in DuckDB (the list,
// export and summary endpoints) gives the same invoices and figures, worked out by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DENSE_COLUMNS } from '../../src/lib/explore/columns.ts';
import { CrossFilter } from '../../src/lib/explore/crossfilter.ts';
import { exploreDataFromIpc } from '../../src/lib/explore/dataset.ts';
import { emptySelection } from '../../src/lib/explore/selection.ts';
import { summarise } from '../../src/lib/explore/summary.ts';
import { buildViews, filtersOf } from '../../src/lib/explore/views.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { exploreBins } from '../../src/lib/server/explore/bins.ts';
import { forgetKeptBooks } from '../../src/lib/server/explore/kept-book.ts';
import { selectedInvoices, selectionSummary } from '../../src/lib/server/explore/selection.ts';
import { openExploreStream } from '../../src/lib/server/explore/stream.ts';
import { openBook } from '../helpers/book.ts';

describe('a selection in the browser and in SQL', () => {
  let db: Database;
  const scope = { asOf: '2024-03-20', segment: null, region: null, currency: null, tier: null };
  beforeAll(async () => {
    db = await openBook({
      customers: [
        { customer_id: 'C1', segment: 'Enterprise', currency: 'USD' },
        { customer_id: 'C2', segment: 'SMB', currency: 'EUR' },
      ],
      invoices: [
        { invoice_id: 'A', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '1000.10' },
        { invoice_id: 'B', customer_id: 'C2', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: '1234.57', currency: 'EUR' },
        { invoice_id: 'C', customer_id: 'C1', invoice_date: '2024-03-01', due_date: '2024-03-16', amount: '0.05' },
        { invoice_id: 'D', customer_id: 'C1', invoice_date: '2024-01-10', due_date: '2024-01-25', amount: 200 },
      ],
      payments: [
        { invoice_id: 'A', payment_date: '2024-03-20', amount: '1000.10', method: 'transfer' },
        { invoice_id: 'C', payment_date: '2024-03-11', amount: '0.05', method: 'check' },
        { invoice_id: 'D', payment_date: '2024-03-19', amount: 200, method: 'card' },
      ],
      fx: [{ date: '2024-01-01', currency: 'EUR', rate_to_base: '1.0850' }],
    });
  });
  afterAll(async () => {
    await forgetKeptBooks();
    await db.close();
  });

  // Enterprise invoices settled -10 to 49 days beyond terms: A (45) and C (-5); D is 54 days beyond (2024-01-25 → 03-19).
  const selection = { ...emptySelection(), dbt: [-10, 50] as const, categories: { ...emptySelection().categories, segment: ['Enterprise'] } };
  // count 2; amount 1000.10 + 0.05 = 1000.15; dbt (1000.10 × 45 + 0.05 × 0) / 1000.15; on time: C only → 1/2.
  const expected = { count: 2, amount: 1000.15, settled: 2, dbt: (1000.1 * 45) / 1000.15, onTimeRate: 0.5 };

  test('in the browser', async () => {
    const stream = await openExploreStream(db, scope, DENSE_COLUMNS);
    const data = exploreDataFromIpc(new Uint8Array(await new Response(stream.body).arrayBuffer()));
    expect(data.n).toBe(4);
    const views = buildViews(data, selection.y);
    const cf = new CrossFilter(data, views.bins);
    filtersOf(views, data, selection).forEach((f, v) => f && cf.setFilter(v, f));
    const s = summarise(cf.summary);
    expect(s).toMatchObject({ count: expected.count, amount: expected.amount, settled: expected.settled, onTimeRate: expected.onTimeRate });
    expect(s.dbt).toBeCloseTo(expected.dbt, 9);
  });

  test('in SQL: the summary and the listed invoices, largest first', async () => {
    const s = await selectionSummary(db, scope, selection);
    expect(s).toMatchObject({ count: expected.count, amount: expected.amount, settled: expected.settled, onTimeRate: expected.onTimeRate });
    expect(s.dbt).toBeCloseTo(expected.dbt, 9);
    const rows = await selectedInvoices(db, scope, selection, 10);
    expect(rows.map((r) => [r.invoice_id, r.amount, r.days_beyond_terms, r.method])).toEqual([
      ['A', 1000.1, 45, 'transfer'],
      ['C', 0.05, -5, 'check'],
    ]);
  });

  test('pre-binned in SQL (the fallback beyond a million invoices): each view without its own filter', async () => {
    const b = await exploreBins(db, scope, selection);
    expect(b.invoices).toBe(4);
    expect(b.summary).toMatchObject({ count: 2, amount: 1000.15 });
    // Segments under the days-beyond-terms brush: Enterprise A + C; SMB's only invoice (B) is open, so out.
    // Behind them, every invoice of the segment: Enterprise A + C + D = 1000.10 + 0.05 + 200 = 1200.15;
    // SMB's B, 1234.57 EUR × 1.0850 = 1339.50845 → 1339.51.
    expect(b.views.segment).toEqual([
      { bin: 'Enterprise', count: 2, amount: 1000.15, total_count: 3, total_amount: 1200.15 },
      { bin: 'SMB', count: 0, amount: 0, total_count: 1, total_amount: 1339.51 },
    ]);
    // The histogram under the segment pick alone: Enterprise's settled A (45), C (-5) and D (54).
    // Edges from -5 to 54 in 1-day bins (60 days ≤ 80 bins): A in bin 50, C in bin 0, D in bin 59.
    expect(b.edges.dbt[0]).toBe(-5);
    expect(b.views.dbt).toEqual([
      { bin: '0', count: 1, amount: 0.05, total_count: 1, total_amount: 0.05 },
      { bin: '50', count: 1, amount: 1000.1, total_count: 1, total_amount: 1000.1 },
      { bin: '59', count: 1, amount: 200, total_count: 1, total_amount: 200 },
    ]);
  });
});
