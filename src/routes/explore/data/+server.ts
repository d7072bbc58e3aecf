/**
 * GET the explorer's invoices as an Arrow IPC stream (application/vnd.apache.arrow.stream):
 * `as_of`, the filters `segment`, `region`, `currency` and `tier`, and `columns` (allow-listed,
 * see src/lib/explore/columns.ts for the Arrow type of each). A view of more invoices than the
 * browser takes is a 413 pointing at /explore/bins.
 */
import { error } from '@sveltejs/kit';
import { ARROW_STREAM_TYPE } from '$lib/explore/columns';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { bookBounds } from '$lib/server/book';
import { explorePayload } from '$lib/server/explore/payload-cache';
import { dataRequestFromUrl } from '$lib/server/explore/scope';
import { TooManyInvoices } from '$lib/server/explore/stream';
import { asHttpError } from '$lib/server/page-params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  requirePermission(locals, 'explore');
  const db = await appDb();
  const { scope, columns } = dataRequestFromUrl(url, await bookBounds(db));
  const payload = await explorePayload(db, scope, columns).catch((err) => {
    if (err instanceof TooManyInvoices) error(413, err.message);
    return asHttpError(err);
  });
  const headers: Record<string, string> = { 'content-type': ARROW_STREAM_TYPE, 'cache-control': 'private, no-store' };
  if (payload.invoices !== null) headers['x-duesight-invoices'] = String(payload.invoices);
  return new Response(payload.body, { headers });
};
