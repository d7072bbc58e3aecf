/** The explorer's views pre-binned in DuckDB, for views of more invoices than the browser takes as columns. */
import { dayEdges, logEdges } from '../../explore/bins.ts';
import type { Selection } from '../../explore/selection.ts';
import type { SelectionSummary } from '../../explore/summary.ts';
import { DBT_BINS, SCATTER_X_BINS, SCATTER_Y_BINS } from '../../explore/views.ts';
import type { Database } from '../db.ts';
import { query } from '../sql.ts';
import { prepareExplore, scopeParams } from './book.ts';
import { selectionParams, selectionSummary } from './selection.ts';
import type { ExploreScope } from './scope.ts';

/** One bin of a view: its key (a bin index, a month YYYY-MM or a category value, '~none' for none), invoices and amount. */
export interface ExploreBin {
  bin: string;
  count: number;
  amount: number;
}

/** The binned views of a selection: the edges of the numeric views, each view's bins (own filter excluded) and the summary. */
export interface ExploreBins {
  invoices: number;
  edges: { x: number[]; y: number[]; dbt: number[] };
  views: Record<string, ExploreBin[]>;
  summary: SelectionSummary;
}

interface Extents {
  invoices: number;
  amount_min: number | null;
  amount_max: number | null;
  dtp_min: number | null;
  dtp_max: number | null;
  dbt_min: number | null;
  dbt_max: number | null;
}

/** Bins every view of the page for `scope` and selection `s` in DuckDB, on the same edges the browser would draw. */
export async function exploreBins(db: Database, scope: ExploreScope, s: Selection): Promise<ExploreBins> {
  const params = await scopeParams(db, scope);
  const rows = await db.read(async (conn) => {
    await prepareExplore(conn);
    const [e] = await query<Extents>(conn, 'explore_extents', params);
    const [ylo, yhi] = s.y === 'days_to_pay' ? [e.dtp_min, e.dtp_max] : [e.dbt_min, e.dbt_max];
    const edges = {
      x: logEdges(Math.max(e.amount_min ?? 0.01, 0.01), Math.max(e.amount_max ?? 0.01, 0.01), SCATTER_X_BINS),
      y: dayEdges(ylo ?? 0, yhi ?? 0, SCATTER_Y_BINS),
      dbt: dayEdges(e.dbt_min ?? 0, e.dbt_max ?? 0, DBT_BINS),
    };
    const bins = await query<ExploreBin & { view: string }>(conn, 'explore_bins', {
      ...params,
      ...selectionParams(s),
      x_edges: edges.x,
      y_edges: edges.y,
      dbt_edges: edges.dbt,
      ny: edges.y.length - 1,
    });
    return { invoices: e.invoices, edges, bins };
  });
  const views: Record<string, ExploreBin[]> = {};
  for (const { view, ...bin } of rows.bins) (views[view] ??= []).push(bin);
  return { invoices: rows.invoices, edges: rows.edges, views, summary: await selectionSummary(db, scope, s) };
}
