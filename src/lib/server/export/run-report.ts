/** Runs a report through a writer (or none, for verify): one pass that streams every section and fingerprints it on the way. */
import type { AuditActor } from '../audit.ts';
import { audit } from '../audit.ts';
import type { Database } from '../db.ts';
import { Fingerprint } from './fingerprint.ts';
import { bookState, buildManifest, type Manifest } from './manifest.ts';
import type { ExportFormat, PreparedReport, ReportParameters } from './report.ts';
import { REPORTS } from './reports.ts';
import type { ReportWriter } from './writer.ts';

/** Who generated an export (the manifest's generated_by) and how to log it. */
export interface ExportActor extends AuditActor {}

/** The manifest of `params`' report written through `writer` (null: computed only, as verify does). */
export async function runReport(
  db: Database,
  params: ReportParameters,
  writer: ReportWriter | null,
  generatedBy: string,
  now: Date = new Date(),
): Promise<Manifest> {
  const report: PreparedReport = await REPORTS[params.report].prepare(db, params);
  const state = await bookState(db, params.as_of);
  const fingerprint = new Fingerprint();
  await writer?.begin(report);
  for (const section of report.sections) {
    fingerprint.section(section.name, section.columns);
    await writer?.startSection(section);
    await section.forEachBatch(async (rows) => {
      fingerprint.rows(rows);
      await writer?.rows(rows);
    });
    await writer?.endSection();
  }
  const manifest = buildManifest(report, state, fingerprint, fingerprint.digest(), generatedBy, now);
  await writer?.finish(manifest);
  return manifest;
}

/**
 * Writes an export through `writer` and records it in the audit log (who, what, parameters,
 * fingerprint), or records the failure and rethrows.
 */
export async function exportReport(
  db: Database,
  params: ReportParameters,
  format: ExportFormat,
  writer: ReportWriter,
  actor: ExportActor,
): Promise<Manifest> {
  const target = `${params.report} (${format})`;
  try {
    const manifest = await runReport(db, params, writer, actor.actor);
    await audit(db, {
      ...actor,
      action: 'export',
      target,
      params: { ...params, format, fingerprint: manifest.fingerprint.value, rows: manifest.row_counts },
      outcome: 'ok',
    });
    return manifest;
  } catch (err) {
    await audit(db, { ...actor, action: 'export', target, params: { ...params, format }, outcome: 'failed', detail: (err as Error).message }).catch(
      () => undefined,
    );
    throw err;
  }
}
