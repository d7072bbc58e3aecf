/** The manifest every export carries: what the report is, what it was made from, and the fingerprint that proves it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketLabels } from '../../buckets.ts';
import type { BookFilter } from '../../types.ts';
import type { Database } from '../db.ts';
import { projectRoot } from '../paths.ts';
import { query } from '../sql.ts';
import type { Column } from './columns.ts';
import { CANONICAL_FORM, type Fingerprint } from './fingerprint.ts';
import type { PreparedReport, ReportParameters } from './report.ts';

/** The manifest's own format version (raised when its fields change). */
export const MANIFEST_VERSION = 1;

/** What an export's manifest holds (the first sheet of an XLSX, a PDF's cover page and metadata, the .manifest.json beside a CSV). */
export interface Manifest {
  manifest: 'duesight-export';
  manifest_version: number;
  report: string;
  report_version: number;
  title: string;
  subtitle: string;
  as_of: string;
  /** Everything the data depends on; `verify` replays exactly these. */
  parameters: ReportParameters;
  filters: BookFilter;
  bucket_edges: number[];
  bucket_labels: string[];
  base_currency: string;
  fx_source: { table: 'fx_rates'; rule: string; rates: { currency: string; rate: string | null; rate_date: string | null }[] };
  /** The highest import id in import_log when the report was made (null for a book with no import). */
  max_import_id: number | null;
  sections: { name: string; title: string; rows: number; columns: Pick<Column, 'key' | 'label' | 'type'>[] }[];
  row_counts: Record<string, number>;
  control_totals: Record<string, number | string | null>;
  app_version: string;
  duckdb_version: string;
  /** ISO UTC, to the second. */
  generated_at: string;
  generated_by: string;
  fingerprint: { algorithm: 'sha256'; canonical_form: string; value: string };
}

/** What the database says about itself when a report is made. */
export interface BookState {
  max_import_id: number | null;
  base_currency: string;
  duckdb_version: string;
  fx: Manifest['fx_source']['rates'];
}

/** The import id, base currency, DuckDB version and FX rates at D behind a report. */
export async function bookState(db: Database, asOf: string): Promise<BookState> {
  return db.read(async (conn) => {
    const [state] = await query<Omit<BookState, 'fx'>>(conn, 'export_book_state');
    const fx = await query<BookState['fx'][number]>(conn, 'export_fx_rates_at', { as_of: asOf });
    return { ...state, fx };
  });
}

let version: string | undefined;
/** Duesight's version, from package.json. */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The manifest of a report whose data `fingerprint` has hashed. */
export function buildManifest(
  report: PreparedReport,
  state: BookState,
  fingerprint: Fingerprint,
  digest: string,
  generatedBy: string,
  generatedAt: Date,
): Manifest {
  const p = report.parameters;
  const rows = new Map(fingerprint.rowCounts.map((r) => [r.section, r.rows]));
  return {
    manifest: 'duesight-export',
    manifest_version: MANIFEST_VERSION,
    report: report.name,
    report_version: report.version,
    title: report.title,
    subtitle: report.subtitle,
    as_of: p.as_of,
    parameters: p,
    filters: p.filter,
    bucket_edges: p.buckets,
    bucket_labels: bucketLabels(p.buckets, p.basis ?? 'due'),
    base_currency: state.base_currency,
    fx_source: {
      table: 'fx_rates',
      rule: `balances at the latest rate dated on or before ${p.as_of}; 1 for ${state.base_currency}`,
      rates: state.fx,
    },
    max_import_id: state.max_import_id,
    sections: report.sections.map((s) => ({
      name: s.name,
      title: s.title,
      rows: rows.get(s.name) ?? 0,
      columns: s.columns.map(({ key, label, type }) => ({ key, label, type })),
    })),
    row_counts: Object.fromEntries(rows),
    control_totals: report.controlTotals,
    app_version: appVersion(),
    duckdb_version: state.duckdb_version,
    generated_at: generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    generated_by: generatedBy,
    fingerprint: { algorithm: 'sha256', canonical_form: CANONICAL_FORM, value: digest },
  };
}

/** The manifest as "field: value" lines for a cover page or a sheet (nested values as JSON). */
export function manifestLines(m: Manifest): [string, string][] {
  const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const totals = Object.entries(m.control_totals).map(([k, v]) => `${k} = ${typeof v === 'number' ? v.toFixed(2) : v}`);
  return [
    ['Report', `${m.title} (${m.report}, version ${m.report_version})`],
    ['As of', m.as_of],
    ['Parameters', json(m.parameters)],
    ['Filters', Object.keys(m.filters).length ? json(m.filters) : 'none (whole book)'],
    ['Bucket edges (days)', m.bucket_edges.join(', ')],
    ['Base currency', m.base_currency],
    ['FX source', `${m.fx_source.table}: ${m.fx_source.rule}${m.fx_source.rates.map((r) => `; ${r.currency} ${r.rate ?? 'none'} (dated ${r.rate_date ?? '—'})`).join('')}`],
    ['Highest import id', m.max_import_id === null ? 'none' : String(m.max_import_id)],
    ['Rows', m.sections.map((s) => `${s.name} ${s.rows}`).join(', ')],
    ['Control totals', totals.join('; ')],
    ['App version', `Duesight ${m.app_version}`],
    ['DuckDB version', m.duckdb_version],
    ['Generated at (UTC)', m.generated_at],
    ['Generated by', m.generated_by],
    ['Fingerprint', `${m.fingerprint.algorithm} ${m.fingerprint.value}`],
    ['Canonical form', m.fingerprint.canonical_form],
  ];
}
