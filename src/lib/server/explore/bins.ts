/** The explorer's views pre-binned in DuckDB, for views of more invoices than the browser takes as columns. */
import type { ExploreBin, ExploreBins } from '../../explore/binned.ts';
import type { Selection, ViewId } from '../../explore/selection.ts';
import type { Database } from '../db.ts';
import { query } from '../sql.ts';
import { onKeptBook } from './kept-book.ts';
import { readSelectionSummary, selectionParams } from './selection.ts';
import type { ExploreScope } from './scope.ts';

export type { ExploreBin, ExploreBins };

/**
 * Bins every view of the page for `scope` and selection `s` in DuckDB, on the same edges the
 * browser would draw: each view's bins under every filter but its own, with the unfiltered bins
 * beside them, and the summary of the whole selection. The scope's invoices are derived once and
 * kept (see kept-book.ts), so a new selection only filters and groups them.
 */
export function exploreBins(db: Database, scope: ExploreScope, s: Selection): Promise<ExploreBins> {
  return onKeptBook(db, scope, async (conn, layout) => {
    const y = layout.y[s.y];
    const rows = await query<ExploreBin & { view: ViewId }>(conn, 'explore_bins', { ...selectionParams(s), ny: y.length - 1 });
    const summary = await readSelectionSummary(conn, s);
    const views: ExploreBins['views'] = {};
    for (const { view, ...bin } of rows) (views[view] ??= []).push(bin);
    return { invoices: layout.invoices, y: s.y, edges: { x: layout.x, y, dbt: layout.dbt }, months: layout.months, views, summary };
  });
}
