/** The aging drill-down's URL: which amount (bucket, overdue, unapplied, AR), of which customer or of the whole view. */
import { error } from '@sveltejs/kit';
import { AGING_CELL_TOTALS, cellLines } from '$lib/server/aging-invoices';
import { agingParamsFromUrl } from '$lib/server/page-params';
import { SEARCH_MAX_LENGTH } from '$lib/url-state';

/** Lines per page of the drill-down. */
export const DRILL_PAGE_SIZE = 100;

/** The drill-down's own parameters, checked. */
export interface DrillParams {
  edges: number[];
  labels: string[];
  /** The `buckets` value as the URL carries it, or null for the default edges. */
  bucketsParam: string | null;
  /** A bucket label of the edges, or overdue / unapplied / ar. */
  cell: string;
  /** One customer, or null for the column's total over the view. */
  customerId: string | null;
  /** 1-based. */
  page: number;
}

/**
 * `bucket` (a bucket label of `buckets`, or overdue, unapplied, ar: a 400 naming the choices
 * otherwise), `customer` (optional), `buckets` and `page` (read as the aging table reads them).
 */
export function drillParamsFromUrl(url: URL): DrillParams {
  const { edges, labels, bucketsParam, page } = agingParamsFromUrl(url);
  const cell = (url.searchParams.get('bucket') ?? '').trim();
  if (!cellLines(cell, edges)) {
    const choices = [...labels, ...AGING_CELL_TOTALS].join(', ');
    error(400, cell ? `The aging table has no column "${cell}"; with these buckets it has: ${choices}.` : `Name the amount to open with bucket= (one of: ${choices}).`);
  }
  const customer = (url.searchParams.get('customer') ?? '').trim();
  if (customer.length > SEARCH_MAX_LENGTH) error(400, `The customer id "${customer.slice(0, 20)}…" is too long.`);
  return { edges, labels, bucketsParam, cell, customerId: customer || null, page };
}
