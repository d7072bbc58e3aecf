/** POST a console statement (`sql`, `format=csv|arrow`): its result as a file, checked, capped and timed like a run, and audited. */
import { error } from '@sveltejs/kit';
import { ARROW_STREAM_TYPE } from '$lib/explore/columns';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { DuesightError } from '$lib/server/errors';
import { auditConsoleQuery } from '$lib/server/explore/sql-audit';
import { CONSOLE_DOWNLOAD_FORMATS, consoleDownload, type ConsoleDownloadFormat } from '$lib/server/explore/sql-download';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
  const user = requirePermission(locals, 'sql');
  const form = await request.formData();
  const sql = String(form.get('sql') ?? '');
  const format = String(form.get('format') ?? 'csv');
  if (!(CONSOLE_DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
    error(400, `The format "${format}" is not one of: ${CONSOLE_DOWNLOAD_FORMATS.join(', ')}.`);
  }
  const db = await appDb();
  let file: Awaited<ReturnType<typeof consoleDownload>>;
  try {
    file = await consoleDownload(db, sql, format as ConsoleDownloadFormat);
  } catch (err) {
    await auditConsoleQuery(db, user, sql, { download: format, error: err });
    if (err instanceof DuesightError) error(400, err.message);
    throw err;
  }
  await auditConsoleQuery(db, user, sql, { download: format, rows: file.rows, truncated: file.truncated });
  const csv = format === 'csv';
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': csv ? 'text/csv; charset=utf-8' : ARROW_STREAM_TYPE,
      'content-disposition': `attachment; filename="duesight-query.${csv ? 'csv' : 'arrows'}"`,
      'cache-control': 'private, no-store',
    },
  });
};
