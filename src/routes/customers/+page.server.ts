/**
 * The customers list: every customer of the view (or those the search finds) with score, tier,
 * AR, overdue and utilisation, sorted, filtered by tier and paged on the server. Scores take the
 * risk engine longer than the rest: unless the order or the tier filter needs them, the page
 * comes first and its rows' scores stream in after it.
 */
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { customerList, scoresOfView, withScores } from '$lib/server/customer-list';
import { asHttpError, bookFilter, pageFromUrl, pageOf, requireView, searchFromUrl, tierFromUrl } from '$lib/server/page-params';
import { parseSort } from '$lib/url-state';
import { CUSTOMER_SORT_COLUMNS, CUSTOMERS_PAGE_SIZE, DEFAULT_CUSTOMER_SORT, rowsOfTier, SCORE_COLUMNS, sortCustomers } from './customer-table';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
  requirePermission(locals, 'view');
  const view = requireView(await parent());
  if (!view) return { list: null };
  const sort = parseSort(url.searchParams.get('sort'), CUSTOMER_SORT_COLUMNS, DEFAULT_CUSTOMER_SORT);
  const tier = tierFromUrl(url);
  const q = searchFromUrl(url);
  const requested = pageFromUrl(url);

  const db = await appDb();
  const filter = bookFilter(view);
  const scoresOf = () => scoresOfView(db, { asOf: view.asOf, filter });
  const needScores = tier !== null || SCORE_COLUMNS.has(sort.key);
  const scores = needScores ? scoresOf() : null;
  scores?.catch(() => undefined); // awaited below; a failure of the list first must not leave it unhandled
  const all = await customerList(db, { asOf: view.asOf, filter, q }).catch(asHttpError);

  const rows = scores ? withScores(all, await scores.catch(asHttpError)) : all;
  const matching = rowsOfTier(rows, tier);
  const shown = pageOf(sortCustomers(matching, sort), requested, CUSTOMERS_PAGE_SIZE);
  // Otherwise the page comes first, and its rows' scores stream in after it.
  const ids = new Set(shown.rows.map((r) => r.customer_id));
  const pageScores = scores ? null : scoresOf().then((list) => list.filter((s) => ids.has(s.customer_id)));

  return {
    list: {
      asOf: view.asOf,
      sort,
      tier,
      q,
      page: shown.page,
      pages: shown.pages,
      pageSize: CUSTOMERS_PAGE_SIZE,
      matching: matching.length,
      rows: shown.rows,
      pageScores,
    },
  };
};
