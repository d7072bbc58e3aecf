/**
 * The aging page's figures for a view: every customer's line, sorted as asked, and the portfolio
 * totals (the same query as the overview's AR). Shared by the page and the warm-up, so that the
 * default view is computed ahead with the very answers the page asks for.
 */
import { sortRows, tableRow } from '../aging-table.ts';
import type { ViewState } from '../url-state.ts';
import { agingByCustomer, agingSummary } from './aging.ts';
import type { Database } from './db.ts';
import { bookFilter, type AgingTableParams } from './page-params.ts';

/** The sorted lines and the totals of the aging table of `view` with the table parameters `params`. */
export async function agingPageFigures(db: Database, view: ViewState, params: Pick<AgingTableParams, 'edges' | 'labels' | 'sort'>) {
  const request = { asOf: view.asOf, buckets: params.edges, filter: bookFilter(view) };
  // The sorted table is remembered with the figures, so a busy page sorts each view once.
  const [rows, summary] = await Promise.all([
    db.remember('agingTable', { request, labels: params.labels, sort: params.sort }, async () =>
      sortRows((await agingByCustomer(db, request)).map((r) => tableRow(r, params.labels)), params.sort),
    ),
    agingSummary(db, request),
  ]);
  return { rows, summary };
}
