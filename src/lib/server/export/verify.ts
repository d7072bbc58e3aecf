/** Checks an exported report against the database: recomputes its data for the manifest's parameters and compares fingerprints. */
import type { Database } from '../db.ts';
import type { Manifest } from './manifest.ts';
import { readManifest } from './read-manifest.ts';
import { REPORTS } from './reports.ts';
import { runReport } from './run-report.ts';

/** What verify found. */
export interface Verification {
  matches: boolean;
  file: string;
  manifest: Manifest;
  /** The fingerprint and rows of the report recomputed now. */
  now: { fingerprint: string; row_counts: Record<string, number>; max_import_id: number | null };
  /** One sentence for a person. */
  message: string;
}

function rows(counts: Record<string, number>): string {
  return Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ');
}

/** Reads `file`'s manifest, recomputes the same report and says whether its data still match. */
export async function verifyExport(db: Database, file: string): Promise<Verification> {
  const manifest = readManifest(file);
  const current = await runReport(db, manifest.parameters, null, 'verify');
  const now = { fingerprint: current.fingerprint.value, row_counts: current.row_counts, max_import_id: current.max_import_id };
  const matches = now.fingerprint === manifest.fingerprint.value;
  const what = `the ${manifest.report} report as of ${manifest.as_of}`;
  let message: string;
  if (matches) {
    message = `${file} matches the database: ${what} recomputed gives the same fingerprint (sha256 ${now.fingerprint}; rows: ${rows(now.row_counts)}).`;
  } else {
    const version = REPORTS[manifest.parameters.report].version;
    const why =
      version !== manifest.report_version
        ? `it was made by version ${manifest.report_version} of the report and this Duesight makes version ${version}`
        : `the data behind it changed (highest import id then ${manifest.max_import_id ?? 'none'}, now ${now.max_import_id ?? 'none'}; rows then ${rows(manifest.row_counts)}, now ${rows(now.row_counts)})`;
    message = `${file} no longer matches the database: ${what} now has fingerprint ${now.fingerprint}, not ${manifest.fingerprint.value}, because ${why}.`;
  }
  return { matches, file, manifest, now, message };
}
