/** The aging table's rows as the page shows them: searched, sorted by an allow-listed column, one page at a time. */
import type { CustomerAging } from './types.ts';
import { sortByColumn } from './sort-rows.ts';
import { formEncode, viewHref, type SortState } from './url-state.ts';

/** One customer's line of the table (only what the page shows). */
export interface AgingTableRow {
  customer_id: string;
  name: string;
  ar: number;
  /** Bucket label → amount. */
  buckets: Record<string, number>;
  unapplied: number;
  overdue: number;
  overdue_ratio: number | null;
  credit_limit: number | null;
  utilisation: number | null;
  dbt: number | null;
}

/** The columns sorted as text; all others are numbers. */
const TEXT_COLUMNS = new Set(['customer_id', 'name']);

/** Whether a column starts descending when first chosen (numbers: largest first; names: A first). */
export function startsDescending(key: string): boolean {
  return !TEXT_COLUMNS.has(key);
}

/** A row of agingByCustomer, reduced to the table's columns. */
export function tableRow(r: CustomerAging, labels: readonly string[]): AgingTableRow {
  return {
    customer_id: r.customer_id,
    name: r.name,
    ar: r.ar,
    buckets: Object.fromEntries(labels.map((l) => [l, (r[l] as number | null) ?? 0])),
    unapplied: r.unapplied,
    overdue: r.overdue,
    overdue_ratio: r.ar > 0 ? r.overdue / r.ar : null,
    credit_limit: r.credit_limit,
    utilisation: r.utilisation,
    dbt: (r.dbt as number | null | undefined) ?? null,
  };
}

/** Customers whose id or name contains `q`, ignoring case; all of them for an empty search. */
export function searchRows(rows: readonly AgingTableRow[], q: string): AgingTableRow[] {
  const needle = q.trim().toLocaleLowerCase('en');
  if (!needle) return [...rows];
  return rows.filter((r) => r.customer_id.toLocaleLowerCase('en').includes(needle) || r.name.toLocaleLowerCase('en').includes(needle));
}

function cell(r: AgingTableRow, key: string): string | number | null {
  if (key in r.buckets) return r.buckets[key];
  const v = r[key as keyof AgingTableRow];
  return typeof v === 'object' ? null : v;
}

/** Rows in the order of `sort`; empty values (no credit limit, no settled invoice) always last; ties by customer id. */
export function sortRows(rows: readonly AgingTableRow[], sort: SortState): AgingTableRow[] {
  return sortByColumn(rows, sort, cell, (a, b) => a.customer_id.localeCompare(b.customer_id, 'en'));
}

/**
 * The drill-downs of one customer's amounts (`customerId`, or the whole view when null): a
 * function from a cell (a bucket label, overdue, unapplied or ar) to the link to the open
 * invoices (and credits) behind it, keeping the view of `url` and the bucket edges
 * (`bucketsParam`, null for the default). The part shared by a row's cells is built once.
 */
export function drillHrefs(url: URL, customerId: string | null, bucketsParam: string | null): (cell: string) => string {
  const head = viewHref(url, '/aging/invoices', { customer: customerId });
  const prefix = `${head}${head.includes('?') ? '&' : '?'}bucket=`;
  const suffix = bucketsParam ? `&buckets=${formEncode(bucketsParam)}` : '';
  return (cell) => `${prefix}${formEncode(cell)}${suffix}`;
}

/** The drill-down of one amount of the table (see drillHrefs). */
export function drillHref(url: URL, cell: string, customerId: string | null, bucketsParam: string | null): string {
  return drillHrefs(url, customerId, bucketsParam)(cell);
}
