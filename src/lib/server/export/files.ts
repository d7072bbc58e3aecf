/** Exports written to files (the command line): a temporary file renamed into place, so a failed export leaves nothing half-written. */
import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Database } from '../db.ts';
import { CsvWriter, manifestPathFor } from './csv.ts';
import type { Manifest } from './manifest.ts';
import { PdfWriter } from './pdf.ts';
import type { ExportFormat, ReportParameters } from './report.ts';
import { exportReport, type ExportActor } from './run-report.ts';
import type { ReportWriter } from './writer.ts';
import { XlsxWriter } from './xlsx.ts';

/** The writer of `format` onto `out`. */
export function writerFor(format: ExportFormat, out: Writable): ReportWriter {
  if (format === 'csv') return new CsvWriter(out);
  if (format === 'xlsx') return new XlsxWriter(out);
  return new PdfWriter(out);
}

/** The MIME type of each format. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** What an export to a file wrote. */
export interface ExportedFile {
  manifest: Manifest;
  /** The data file, then the manifest file for CSV. */
  files: string[];
}

/** Exports `params`' report as `format` to `path` (and, for CSV, its .manifest.json beside it), logged for `actor`. */
export async function exportToFile(
  db: Database,
  params: ReportParameters,
  format: ExportFormat,
  path: string,
  actor: ExportActor,
): Promise<ExportedFile> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    const manifest = await exportReport(db, params, format, writerFor(format, out), actor);
    renameSync(partial, path);
    const files = [path];
    if (format === 'csv') {
      const manifestPath = manifestPathFor(path);
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
      files.push(manifestPath);
    }
    return { manifest, files };
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}
