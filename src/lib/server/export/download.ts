/** Export downloads for the web app: the same reports and writers as the command line, streamed into an HTTP response. */
import { PassThrough, Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import type { SessionUser } from '../../auth-roles.ts';
import type { ViewState } from '../../url-state.ts';
import { audit } from '../audit.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { bookFilter } from '../page-params.ts';
import { CONTENT_TYPES, writerFor } from './files.ts';
import { isReportName, reportParameters } from './parameters.ts';
import { EXPORT_FORMATS, type ExportFormat, type ReportParameters } from './report.ts';
import { exportReport, runReport } from './run-report.ts';

/** What a download URL may ask for: a file format, or `manifest` (the JSON manifest that goes beside a CSV). */
export type DownloadFormat = ExportFormat | 'manifest';

function whole(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,4}$/.test(raw)) error(400, `The ${name} "${raw}" is not a whole number.`);
  return Number(raw);
}

/**
 * The report and format of `/export/[report]?as_of=…&format=…` and its other parameters
 * (segment, region, currency as in every page; buckets, basis, window_days, months; customer
 * and from for statements). Anything wrong is a 400 saying what.
 */
export function downloadRequest(report: string, url: URL, view: ViewState): { params: ReportParameters; format: DownloadFormat } {
  if (!isReportName(report)) error(404, `There is no report "${report}".`);
  const format = url.searchParams.get('format') ?? 'csv';
  if (format !== 'manifest' && !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    error(400, `The format must be one of ${EXPORT_FORMATS.join(', ')} or manifest (got "${format}").`);
  }
  const text = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  try {
    const params = reportParameters({
      report,
      asOf: view.asOf,
      filter: bookFilter(view),
      buckets: text('buckets'),
      basis: text('basis'),
      windowDays: whole(url, 'window_days'),
      months: whole(url, 'months'),
      customerId: text('customer'),
      from: text('from'),
    });
    return { params, format: format as DownloadFormat };
  } catch (err) {
    if (err instanceof DuesightError) error(400, err.message);
    throw err;
  }
}

/** The download's file name: duesight-aging-detail-2026-09-30.xlsx, with the customer for a statement. */
export function downloadName(params: ReportParameters, format: DownloadFormat): string {
  const who = params.customer_id ? `-${params.customer_id.replace(/[^A-Za-z0-9._-]/g, '_')}` : '';
  return `duesight-${params.report}${who}-${params.as_of}.${format === 'manifest' ? 'manifest.json' : format}`;
}

/**
 * The response of a download, streamed as the report is written and logged in the audit log.
 * It waits for the first bytes, so that a report that cannot be made (a missing FX rate, an
 * unknown customer) is a 422 with the reason rather than a broken file.
 */
export async function downloadResponse(db: Database, params: ReportParameters, format: DownloadFormat, user: SessionUser): Promise<Response> {
  const actor = { actor: user.name, role: user.role, via: 'web' as const };
  const disposition = `attachment; filename="${downloadName(params, format)}"`;
  try {
    if (format === 'manifest') {
      const manifest = await runReport(db, params, null, user.name);
      await audit(db, { ...actor, action: 'export', target: `${params.report} (manifest)`, params: { ...params, format, fingerprint: manifest.fingerprint.value }, outcome: 'ok' });
      return new Response(JSON.stringify(manifest, null, 2) + '\n', {
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': disposition },
      });
    }
    const body = new PassThrough();
    let streaming = false;
    const done = exportReport(db, params, format, writerFor(format, body), actor);
    // A failure once the response is under way aborts it (the reader gets no half file as whole).
    done.catch((err: Error) => body.destroy(streaming ? err : undefined));
    await Promise.race([new Promise((resolve) => body.once('readable', resolve)), done]);
    streaming = true;
    return new Response(Readable.toWeb(body) as ReadableStream, {
      headers: { 'Content-Type': CONTENT_TYPES[format], 'Content-Disposition': disposition, 'Cache-Control': 'no-store' },
    });
  } catch (err) {
    if (err instanceof DuesightError) error(422, err.message);
    throw err;
  }
}
