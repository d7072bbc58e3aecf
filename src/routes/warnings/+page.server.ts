/** The early warnings as of D: filtered by severity and rule, sorted and paged on the server, and counted by week. */
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { asHttpError, bookFilter, pageOf, requireView } from '$lib/server/page-params';
import { warningsByWeek } from '$lib/server/risk-pages';
import { earlyWarnings } from '$lib/server/risk/index';
import { filterWarnings, sortWarnings, warningCounts, warningParamsFromUrl, WARNING_PAGE_SIZE } from './warning-table';
import type { PageServerLoad } from './$types';

/** Weeks in the timeline, ending with the as-of date's week. */
const TIMELINE_WEEKS = 26;

export const load: PageServerLoad = async ({ parent, url, locals }) => {
  requirePermission(locals, 'view');
  const parentData = await parent();
  const view = requireView(parentData);
  if (!view) return { warnings: null };
  const params = warningParamsFromUrl(url);
  const db = await appDb();
  const asOf = view.asOf;

  // The engine takes seconds on a large book: the page frame answers at once, the list streams in.
  // earlyWarnings keeps its answer until the next write, so filtering and sorting the list are free.
  const list = earlyWarnings(db, { asOf, filter: bookFilter(view) })
    .catch(asHttpError)
    .then((all) => {
      const matching = filterWarnings(all, params);
      const shown = pageOf(sortWarnings(matching, params.sort), params.page, WARNING_PAGE_SIZE);
      return {
        total: all.length,
        counts: warningCounts(all),
        matching: matching.length,
        rows: shown.rows,
        page: shown.page,
        pages: shown.pages,
        // The timeline follows the filters, so it shows the same warnings as the list.
        timeline: warningsByWeek(matching, asOf, TIMELINE_WEEKS),
      };
    });

  return { warnings: { asOf, severity: params.severity, rule: params.rule, sort: params.sort, pageSize: WARNING_PAGE_SIZE, list } };
};
