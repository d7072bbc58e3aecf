/**
 * GET the first invoices of the explorer's selection (largest amount first) and the selection's
 * summary computed in DuckDB, as JSON: the page's list, and a check of its own figures.
 */
import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { bookBounds } from '$lib/server/book';
import { selectionRequestFromUrl } from '$lib/server/explore/scope';
import { selectedInvoices, selectionSummary } from '$lib/server/explore/selection';
import { asHttpError } from '$lib/server/page-params';
import type { RequestHandler } from './$types';

/** Rows when the request names no `limit`, and the most it may name. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

export const GET: RequestHandler = async ({ locals, url }) => {
  requirePermission(locals, 'explore');
  const db = await appDb();
  const { scope, selection } = selectionRequestFromUrl(url, await bookBounds(db), ['limit']);
  const raw = url.searchParams.get('limit');
  if (raw !== null && (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT)) {
    error(400, `The limit "${raw}" is not a whole number from 1 to ${MAX_LIMIT}.`);
  }
  const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
  const [summary, invoices] = await Promise.all([
    selectionSummary(db, scope, selection),
    selectedInvoices(db, scope, selection, limit),
  ]).catch(asHttpError);
  return json({ as_of: scope.asOf, summary, invoices, limit }, { headers: { 'cache-control': 'private, no-store' } });
};
