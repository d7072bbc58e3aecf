/**
 * GET the explorer's views pre-binned in DuckDB for a scope and selection (the same parameters as
 * the page's URL), as JSON: for views of more invoices than the browser takes as Arrow columns.
 */
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { bookBounds } from '$lib/server/book';
import { exploreBins } from '$lib/server/explore/bins';
import { selectionRequestFromUrl } from '$lib/server/explore/scope';
import { asHttpError } from '$lib/server/page-params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  requirePermission(locals, 'explore');
  const db = await appDb();
  const { scope, selection } = selectionRequestFromUrl(url, await bookBounds(db));
  const bins = await exploreBins(db, scope, selection).catch(asHttpError);
  return json(bins, { headers: { 'cache-control': 'private, no-store' } });
};
