/** The drill-down of the aging table: the open invoices and credits behind any of its amounts, summing to it. */
import { bucketLabels, parseBucketEdges } from '../buckets.ts';
import type { AgingLine, BookFilter } from '../types.ts';
import { assertRatesFound, bookParams } from './book-params.ts';
import type { Database } from './db.ts';
import { DuesightError } from './errors.ts';
import { query } from './sql.ts';

/**
 * The amounts of the aging table that can be opened: a bucket (by its label), `overdue` (every
 * bucket after current), `unapplied` (credits: overpaid invoices and unapplied cash) and `ar`
 * (everything: the buckets plus the credits).
 */
export const AGING_CELL_TOTALS = ['overdue', 'unapplied', 'ar'] as const;

/** Which lines make up an amount: positive open invoices in buckets [from, to] (none when null), and the credits or not. */
export interface CellLines {
  from: number | null;
  to: number | null;
  credits: boolean;
}

/** The lines of the aging cell `cell` (a bucket label of `edges`, or one of AGING_CELL_TOTALS); null for no such cell. */
export function cellLines(cell: string, edges: readonly number[]): CellLines | null {
  const labels = bucketLabels(edges, 'due');
  const last = labels.length - 1;
  const index = labels.indexOf(cell);
  if (index >= 0) return { from: index, to: index, credits: false };
  if (cell === 'overdue') return { from: 1, to: last, credits: false };
  if (cell === 'unapplied') return { from: null, to: null, credits: true };
  if (cell === 'ar') return { from: 0, to: last, credits: true };
  return null;
}

/** One page of the lines behind an amount, with how many there are and their exact total. */
export interface AgingLinesPage {
  lines: number;
  /** Σ base_open over every line (not only this page), summed as exact decimals in SQL. */
  total: number;
  rows: AgingLine[];
}

/** What a drill-down names: D, the bucket edges, the view (filter, maybe one customer), the cell and a page. */
export interface AgingInvoicesParams {
  asOf: string;
  buckets?: readonly number[] | string;
  filter?: BookFilter;
  cell: string;
  /** Rows per page (default 100) and the 0-based offset of the first. */
  limit?: number;
  offset?: number;
}

/** The lines behind one amount of the aging table at D; their total equals the amount the table shows. */
export function agingInvoices(db: Database, params: AgingInvoicesParams): Promise<AgingLinesPage> {
  return db.remember('agingInvoices', params, () => computeAgingInvoices(db, params));
}

async function computeAgingInvoices(db: Database, params: AgingInvoicesParams): Promise<AgingLinesPage> {
  const p = bookParams({ asOf: params.asOf, buckets: params.buckets, filter: params.filter });
  const lines = cellLines(params.cell, parseBucketEdges(p.edges as number[]));
  if (!lines) throw new DuesightError(`The aging table has no column "${params.cell}".`);
  const [row] = await db.read((conn) =>
    query<AgingLinesPage & { missing_rate: string | null }>(conn, 'aging_invoices', {
      ...p,
      bucket_from: lines.from,
      bucket_to: lines.to,
      credits: lines.credits,
      limit: params.limit ?? 100,
      offset: params.offset ?? 0,
    }),
  );
  assertRatesFound(row.missing_rate);
  return { lines: row.lines, total: row.total, rows: row.rows ?? [] };
}
