/** Downloads of the audit reports: GET /export/aging-detail?as_of=…&format=csv|xlsx|pdf|manifest (and the page's filters). */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { bookBounds } from '$lib/server/book';
import { downloadRequest, downloadResponse } from '$lib/server/export/download';
import { viewFromUrl } from '$lib/server/page-params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
  const user = requirePermission(locals, 'export');
  const db = await appDb();
  const view = viewFromUrl(url, await bookBounds(db));
  if (!view) error(404, 'The book is empty: there is nothing to export yet.');
  const request = downloadRequest(params.report, url, view);
  return downloadResponse(db, request.params, request.format, user);
};
