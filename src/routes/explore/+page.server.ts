/**
 * The Explore page: the view (as-of date, filters) whose invoices the browser fetches as Arrow
 * columns, or, for a view over the row limit, as server-side bins; and what the reader may do.
 */
import { can } from '$lib/auth-roles';
import { DENSE_COLUMNS } from '$lib/explore/columns';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { viewInvoices } from '$lib/server/explore/row-limit';
import { requireView } from '$lib/server/page-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
  const user = requirePermission(locals, 'explore');
  const view = requireView(await parent());
  if (!view) return { explore: null };
  const scope = new URLSearchParams({ as_of: view.asOf });
  for (const key of ['segment', 'region', 'currency'] as const) if (view[key]) scope.set(key, view[key]);
  const data = new URLSearchParams(scope);
  data.set('columns', DENSE_COLUMNS.join(','));
  const { invoices, overLimit } = await viewInvoices(await appDb(), view);
  return {
    explore: {
      view,
      /** The query of every explorer endpoint (as-of date and filters). */
      scope: scope.toString(),
      dataUrl: `/explore/data?${data}`,
      /** Invoices in the view, and whether they are more than the browser takes (then the page draws server-side bins). */
      invoices,
      binned: overLimit,
      canExport: can(user, 'export'),
      canSql: can(user, 'sql'),
    },
  };
};
