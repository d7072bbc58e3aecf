/**
 * GET the explorer's selection as a download (`format=csv|xlsx`): every selected invoice, the
 * selection applied in SQL exactly as on the page, text cells neutralised. Recorded in the audit log.
 */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { audit } from '$lib/server/audit';
import { requirePermission } from '$lib/server/auth/guard';
import { bookBounds } from '$lib/server/book';
import { EXPLORE_EXPORT_FORMATS, exploreFileName, exportSelection, type ExploreExportFormat } from '$lib/server/explore/export';
import { selectionRequestFromUrl } from '$lib/server/explore/scope';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requirePermission(locals, 'explore');
  requirePermission(locals, 'export');
  const db = await appDb();
  const { scope, selection } = selectionRequestFromUrl(url, await bookBounds(db), ['format']);
  const format = url.searchParams.get('format') ?? 'csv';
  if (!(EXPLORE_EXPORT_FORMATS as readonly string[]).includes(format)) {
    error(400, `The format "${format}" is not one of: ${EXPLORE_EXPORT_FORMATS.join(', ')}.`);
  }
  const file = exploreFileName(format as ExploreExportFormat, scope.asOf);
  const { body, done } = exportSelection(db, scope, selection, format as ExploreExportFormat);
  const entry = { actor: user.name, role: user.role, via: 'web' as const, action: 'export', target: file.name };
  const params = { report: 'explore-selection', format, query: url.searchParams.toString() };
  done.then(
    (rows) => audit(db, { ...entry, params: { ...params, rows }, outcome: 'ok' }),
    (err: Error) => audit(db, { ...entry, params, outcome: 'failed', detail: err.message }),
  ).catch((err: Error) => console.error(`The export of ${file.name} could not be recorded in the audit log: ${err.message}`));
  return new Response(body, {
    headers: {
      'content-type': file.type,
      'content-disposition': `attachment; filename="${file.name}"`,
      'cache-control': 'private, no-store',
    },
  });
};
