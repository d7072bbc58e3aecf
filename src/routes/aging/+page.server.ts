/** The aging table by customer: buckets chosen in the URL, searched, sorted and paged on the server, with a totals row. */
import { appDb } from '$lib/server/app-db';
import { agingPageFigures } from '$lib/server/aging-page';
import { agingParamsFromUrl, asHttpError, pageOf, requireView } from '$lib/server/page-params';
import { AGING_PAGE_SIZE } from '$lib/url-state';
import { searchRows } from '$lib/aging-table';
import { requirePermission } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
  requirePermission(locals, 'view');
  const parentData = await parent();
  const view = requireView(parentData);
  if (!view) return { aging: null };
  const params = agingParamsFromUrl(url);
  const db = await appDb();
  const { rows: all, summary } = await agingPageFigures(db, view, params).catch(asHttpError);

  const matching = searchRows(all, params.q);
  const shown = pageOf(matching, params.page);
  // The totals come from the portfolio aging (the same query as the overview's AR), not from adding rows up.
  const buckets = Object.fromEntries(summary.buckets.map((b) => [b.label, b.amount]));
  const overdue = summary.buckets.slice(1).reduce((sum, b) => sum + b.amount, 0);

  return {
    aging: {
      asOf: view.asOf,
      edges: params.edges,
      labels: params.labels,
      bucketsParam: params.bucketsParam,
      sort: params.sort,
      q: params.q,
      page: shown.page,
      pages: shown.pages,
      pageSize: AGING_PAGE_SIZE,
      customers: all.length,
      matching: matching.length,
      rows: shown.rows,
      totals: {
        ar: summary.ar,
        buckets,
        unapplied: summary.unapplied,
        overdue,
        overdue_ratio: summary.ar > 0 ? overdue / summary.ar : null,
      },
    },
  };
};
