/** Imports one file of customers, invoices, payments, adjustments, fx rates or ledger rows: all of it in one transaction, or nothing. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind, ImportReport, ImportRowError, LedgerMapping, ProgressListener } from '../../types.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import type { Params } from '../sql.ts';
import { planColumns, type ColumnPlan } from './columns.ts';
import { pauseBeforeCommit } from './crash-hook.ts';
import { previewStaged, type PreviewRow } from './preview.ts';
import { kindSpec, type KindSpec } from './kinds.ts';
import { logImport, nextImportId } from './log.ts';
import { checkMapping, dateFormatLabel, readMapping } from './mapping.ts';
import { withProgress } from './progress.ts';
import { prepareSource, type PreparedSource } from './source.ts';
import { stageFile } from './staging.ts';
import { defineImportMacros, validateStaged } from './validate.ts';
import { writeValidRows, type Inserted } from './write.ts';

/** What to import and how. */
export interface ImportOptions {
  kind: ImportKind;
  /** The file to read: CSV (UTF-8, UTF-16 or GBK/GB18030; `,` `;` or tab), Parquet or XLSX. */
  path: string;
  /** How the report and the log name the file (default: `path` in the report, its base name in the log). */
  fileName?: string;
  /** A mapping (spec/interfaces.md), or the path of its JSON file. Required in spirit for `ledger`. */
  mapping?: LedgerMapping | string;
  /** Validate and report; write nothing, not even the log. */
  dryRun?: boolean;
  /** Write the valid rows of a file that has invalid ones (else the whole file is rejected). */
  acceptValid?: boolean;
  /** The text encoding, when detection should not decide (any iconv-lite name). */
  encoding?: string;
  /** The CSV delimiter, when detection should not decide. */
  delimiter?: string;
  /** The XLSX sheet to read (default: the first). */
  sheet?: string;
  /** Who imports, for the log. */
  userName?: string | null;
  onProgress?: ProgressListener;
  /** Also return the file's first records as read (the web page's preview): how many. */
  previewRows?: number;
  /** Where the import's scratch files go (default: the system's temp folder). */
  workDir?: string;
}

/** The report of spec/interfaces.md plus how the file was read and what each table received. */
export interface ImportResult extends ImportReport {
  inserted_by_table: Inserted;
  format: PreparedSource['format'];
  encoding: string;
  delimiter: string | null;
  sheet: string | null;
  /** Columns of the file that no field reads. */
  ignored_columns: string[];
  /** The first `previewRows` records as read, when asked for. */
  preview?: PreviewRow[];
}

function loadMapping(options: ImportOptions, spec: KindSpec): { name: string; mapping: LedgerMapping } | undefined {
  if (options.mapping === undefined) return undefined;
  if (typeof options.mapping === 'string') {
    return { name: basename(options.mapping), mapping: readMapping(options.mapping, spec) };
  }
  return { name: 'mapping', mapping: checkMapping(options.mapping, 'mapping', spec) };
}

/** The values every import query may bind (each binds only those it names). */
function queryParams(plan: ColumnPlan, source: PreparedSource, fileName: string, mapping?: LedgerMapping): Params {
  return {
    file_name: fileName,
    first_row: source.firstRow,
    // Where a value beyond the header's columns is reported: there is no column name to give.
    overflow_column: String(source.header.length + 1),
    date_format: mapping?.date_format ?? null,
    date_label: dateFormatLabel(mapping?.date_format),
    decimal_mark: mapping?.decimal ?? null,
    default_currency: mapping?.currency ?? null,
    has_paid_amount: plan.present.has('paid_amount'),
    has_true_values: mapping?.true_values !== undefined,
    // Never empty, so that it binds as a list of text; unused unless has_true_values.
    true_values: (mapping?.true_values ?? ['true']).map((v) => v.trim().toLowerCase()),
  };
}

interface Outcome {
  rows: number;
  rejected: number;
  errors: ImportRowError[];
  inserted: Inserted;
  status: ImportReport['status'];
  importId: number | null;
  preview?: PreviewRow[];
}

interface Job {
  spec: KindSpec;
  options: ImportOptions;
  source: PreparedSource;
  plan: ColumnPlan;
  params: Params;
  fileName: string;
  startedAt: Date;
}

/** Stage, validate and (unless rejected or a dry run) write and log, on one connection in one transaction. */
async function runImport(conn: DuckDBConnection, job: Job): Promise<Outcome> {
  const { spec, options, plan } = job;
  const progress = options.onProgress;
  await defineImportMacros(conn);
  await stageFile(conn, spec, job.source, plan, job.fileName, progress);
  const preview = options.previewRows ? await previewStaged(conn, spec, job.params, options.previewRows) : undefined;
  const fileOk = plan.errors.length === 0;
  const checked = await withProgress(conn, 'validating', progress, () => validateStaged(conn, spec, job.params, fileOk));
  const errors = fileOk ? checked.errors : plan.errors;
  const accepted = checked.rows - checked.rejected;
  const refused = !fileOk || (checked.rejected > 0 && !options.acceptValid) || (accepted === 0 && checked.rejected > 0);
  let inserted: Inserted = {};
  let importId: number | null = null;
  if (!options.dryRun) {
    importId = await nextImportId(conn);
    if (!refused && accepted > 0) {
      const params = { ...job.params, import_id: importId };
      inserted = await writeValidRows(conn, spec, params, progress);
    }
  }
  const total = Object.values(inserted).reduce((a, b) => a + b, 0);
  const status: ImportReport['status'] = refused ? 'rejected' : total > 0 ? 'imported' : 'unchanged';
  if (importId !== null) {
    await logImport(conn, {
      importId, kind: spec.kind, fileName: job.fileName, sha256: job.source.sha256,
      counts: { rows: checked.rows, accepted, rejected: checked.rejected, inserted: total, status },
      userName: options.userName ?? null, startedAt: job.startedAt, finishedAt: new Date(),
    });
    await pauseBeforeCommit();
    progress?.(0, null, 'committing');
  }
  return { rows: checked.rows, rejected: checked.rejected, errors, inserted, status, importId, preview };
}

/** Runs `fn` in a transaction that is always rolled back: a dry run leaves no trace. */
async function inRolledBackTransaction<T>(db: Database, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  return db.read(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      return await fn(conn);
    } finally {
      await conn.run('ROLLBACK').catch(() => undefined);
    }
  });
}

/** The XLSX columns holding dates, by the canonical field their header maps to. */
function datePositions(spec: KindSpec, plan: ColumnPlan): Set<number> {
  const at = new Set<number>();
  plan.names.forEach((name, i) => {
    if (spec.dates.includes(name)) at.add(i);
  });
  return at;
}

/**
 * Imports `options.path` into `db`. The file is read in DuckDB as text, validated in SQL, and
 * its valid rows written in one transaction with its import_log row; a file with any invalid
 * row is rejected whole (nothing written, the rejection logged) unless `acceptValid`. Rows the
 * database already holds unchanged are skipped, so importing a file twice changes nothing.
 * Throws a DuesightError when the file cannot be read at all.
 */
export async function importFile(db: Database, options: ImportOptions): Promise<ImportResult> {
  const spec = kindSpec(options.kind);
  const fileName = basename(options.fileName ?? options.path);
  const mapped = loadMapping(options, spec);
  const mappingRef = mapped && { name: mapped.name, columns: mapped.mapping.columns };
  const startedAt = new Date();
  const tmpDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'duesight-import-'));
  try {
    const source = await prepareSource(db, options.path, tmpDir, {
      encoding: options.encoding,
      delimiter: options.delimiter,
      sheet: options.sheet,
      onProgress: options.onProgress,
      dateColumns: (header) => datePositions(spec, planColumns(spec, header, fileName, mappingRef)),
    });
    const plan = planColumns(spec, source.header, fileName, mappingRef);
    const job: Job = { spec, options, source, plan, fileName, startedAt, params: queryParams(plan, source, fileName, mapped?.mapping) };
    const work = (conn: DuckDBConnection) => runImport(conn, job);
    let outcome: Outcome;
    try {
      outcome = options.dryRun ? await inRolledBackTransaction(db, work) : await db.write(work);
    } catch (err) {
      if (err instanceof DuesightError) throw err;
      throw new DuesightError(`Importing ${fileName} failed, and nothing was written: ${(err as Error).message.split('\n')[0]}`);
    }
    options.onProgress?.(outcome.rows, outcome.rows, 'done');
    const total = Object.values(outcome.inserted).reduce((a, b) => a + b, 0);
    return {
      kind: spec.kind,
      file: options.fileName ?? options.path,
      rows: outcome.rows,
      accepted: outcome.rows - outcome.rejected,
      rejected: outcome.rejected,
      errors: outcome.errors,
      inserted: total,
      dry_run: Boolean(options.dryRun),
      status: outcome.status,
      import_id: outcome.importId,
      sha256: source.sha256,
      inserted_by_table: outcome.inserted,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.format === 'csv' ? source.delimiter : null,
      sheet: source.sheet ?? null,
      ignored_columns: plan.ignored,
      ...(outcome.preview ? { preview: outcome.preview } : {}),
    };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

export type { ImportKind, ImportReport, ImportRowError } from '../../types.ts';
