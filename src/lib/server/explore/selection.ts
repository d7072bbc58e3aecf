/** The explorer's selection applied in SQL: its summary, its first invoices, and all of them chunk by chunk (exports). */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { SelectionSummary } from '../../explore/summary.ts';
import type { Selection } from '../../explore/selection.ts';
import { NONE_TOKEN } from '../../explore/url-codec.ts';
import type { Database } from '../db.ts';
import { execute, query, sqlText, type Params } from '../sql.ts';
import { prepareExplore, prepareSelection, scopeParams } from './book.ts';
import { onKeptBookIfAny } from './kept-book.ts';
import type { ExploreScope } from './scope.ts';

/** One selected invoice, as the list and the export show it. */
export interface SelectedInvoice {
  invoice_id: string;
  customer_id: string;
  customer_name: string;
  segment: string | null;
  region: string | null;
  tier: string | null;
  invoice_date: string;
  due_date: string;
  settle_date: string | null;
  terms: number;
  currency: string;
  amount_invoiced: number;
  amount: number;
  days_to_pay: number | null;
  days_beyond_terms: number | null;
  method: string | null;
}

/** The columns of a SelectedInvoice, in the order the query returns them. */
export const SELECTED_INVOICE_COLUMNS = [
  'invoice_id', 'customer_id', 'customer_name', 'segment', 'region', 'tier', 'invoice_date', 'due_date', 'settle_date',
  'terms', 'currency', 'amount_invoiced', 'amount', 'days_to_pay', 'days_beyond_terms', 'method',
] as const satisfies readonly (keyof SelectedInvoice)[];

const picks = (values: readonly (string | number | null)[] | null) =>
  values ? values.map((v) => (v === null ? NONE_TOKEN : String(v))) : null;

/** The bound values of explore_selection's parts for `s` (NULL: that part filters nothing). */
export function selectionParams(s: Selection): Params {
  const terms = s.categories.terms?.filter((v): v is number => typeof v === 'number') ?? null;
  return {
    y: s.y,
    amount_lo: s.amount?.[0] ?? null,
    amount_hi: s.amount?.[1] ?? null,
    ydays_lo: s.ydays?.[0] ?? null,
    ydays_hi: s.ydays?.[1] ?? null,
    dbt_lo: s.dbt?.[0] ?? null,
    dbt_hi: s.dbt?.[1] ?? null,
    month_first: s.month ? `${s.month[0]}-01` : null,
    month_last: s.month ? `${s.month[1]}-01` : null,
    pick_segment: picks(s.categories.segment),
    pick_region: picks(s.categories.region),
    pick_method: picks(s.categories.method),
    // A pick of terms that are all "none" (there are none: every invoice has a due date) picks nothing.
    pick_terms: s.categories.terms ? (terms?.length ? terms : [-1]) : null,
    pick_tier: picks(s.categories.tier),
  };
}

/** Fills explore_invoices with the scope's invoices on `conn`; returns the selection's bound values. */
async function boundFor(db: Database, conn: DuckDBConnection, scope: ExploreScope, s: Selection): Promise<Params> {
  await prepareExplore(conn);
  await execute(conn, 'explore_fill', await scopeParams(db, scope));
  await prepareSelection(conn);
  return selectionParams(s);
}

/** The summary of selection `s` over the invoices of explore_invoices on `conn` (filled for its scope). */
export async function readSelectionSummary(conn: DuckDBConnection, s: Selection): Promise<SelectionSummary> {
  const [row] = await query<{ count: number; amount: number; settled: number; dbt: number | null; days_to_pay: number | null; on_time_rate: number | null }>(
    conn,
    'explore_selection_summary',
    selectionParams(s),
  );
  return { count: row.count, amount: row.amount, settled: row.settled, dbt: row.dbt, daysToPay: row.days_to_pay, onTimeRate: row.on_time_rate };
}

/**
 * Runs `work` where explore_invoices holds the scope's invoices: on the scope's kept book when the
 * page is showing server-side bins for it, else on a fresh connection filled for it.
 */
async function onScope<T>(db: Database, scope: ExploreScope, s: Selection, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const kept = await onKeptBookIfAny(db, scope, work);
  if (kept) return kept.value;
  return db.read(async (conn) => {
    await boundFor(db, conn, scope, s);
    return work(conn);
  });
}

/** The selection's figures computed in DuckDB (the same definitions as the page's summary). */
export function selectionSummary(db: Database, scope: ExploreScope, s: Selection): Promise<SelectionSummary> {
  return onScope(db, scope, s, (conn) => readSelectionSummary(conn, s));
}

/** The selection's first `limit` invoices, largest amount first. */
export function selectedInvoices(db: Database, scope: ExploreScope, s: Selection, limit: number): Promise<SelectedInvoice[]> {
  return onScope(db, scope, s, async (conn) => {
    await execute(conn, 'explore_selection_rows', { ...selectionParams(s), limit });
    return query<SelectedInvoice>(conn, 'explore_rows_read');
  });
}

/**
 * Hands every selected invoice to `sink`, a DuckDB chunk (about 2,048 rows) at a time, largest
 * amount first, so that an export of a million invoices never sits in memory as row objects.
 */
export function eachSelectedChunk(db: Database, scope: ExploreScope, s: Selection, sink: (chunk: DuckDBDataChunk) => Promise<void> | void): Promise<number> {
  return db.read(async (conn) => {
    await execute(conn, 'explore_selection_rows', { ...(await boundFor(db, conn, scope, s)), limit: null });
    const result = await conn.stream(sqlText('explore_rows_read'));
    let rows = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      rows += chunk.rowCount;
      await sink(chunk);
    }
    return rows;
  });
}
