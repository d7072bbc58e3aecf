/** Loads a prepared CSV into its kind's staging table as text, in DuckDB (no row ever passes through JavaScript). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProgressListener } from '../../types.ts';
import { DuesightError } from '../errors.ts';
import { execute, queryText } from '../sql.ts';
import type { ColumnPlan } from './columns.ts';
import type { KindSpec } from './kinds.ts';
import { withProgress } from './progress.ts';
import type { PreparedSource } from './source.ts';

/** The staging column that receives the first value beyond the header's columns. */
const OVERFLOW = 'import_overflow';

/**
 * The statement that reads the CSV into `import_stage_<table>`. It is the one import statement
 * not kept in queries/: DuckDB cannot plan read_csv without a real file, so the EXPLAIN test
 * over queries/ (which binds NULLs) could never pass it. It is assembled here from allow-listed
 * pieces only (the kind's table suffix and canonical field names from kinds.ts); every value,
 * the path included, is bound. Every column is read as VARCHAR (never sniffed), so ids such as
 * 0001234 keep their zeros; $names gives the file's columns their canonical names in file order
 * (the others x_<n>), so the file's own spelling never reaches the SQL. BY NAME leaves the
 * columns the file lacks NULL. Records keep the file's order, and so do the table's rowids.
 * One name more than the header has columns catches a record with more values than the header
 * (an unquoted delimiter inside a value) in import_overflow, so it is rejected, not cut short.
 */
export function loadCsvStatement(spec: KindSpec): string {
  for (const f of spec.fields) if (!/^[a-z_]+$/.test(f)) throw new Error(`Field name ${f} is not allow-listed`);
  return `INSERT INTO import_stage_${spec.table} BY NAME
SELECT COLUMNS('^(${[...spec.fields, OVERFLOW].join('|')})$')
FROM read_csv($file_path, header = true, all_varchar = true, null_padding = true,
              delim = $delimiter, quote = '"', escape = '"', parallel = $parallel, names = $names)`;
}

/**
 * DuckDB's reason for refusing a CSV file as one sentence about the file: the line it stopped
 * at and its own one-line reason (the rest of its message lists reader options).
 */
function csvReadError(fileName: string, delimiter: string, err: unknown): DuesightError {
  const text = String((err as Error).message ?? err);
  const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  if (/not possible to automatically detect the CSV parsing dialect/.test(text)) {
    return new DuesightError(
      `${fileName} cannot be read as CSV with the delimiter ${shown}: its rows do not hold together (a quote left open, or another delimiter?).`,
      { duckdb: text },
    );
  }
  const line = /CSV Error on Line: (\d+)/.exec(text)?.[1];
  const lines = text.split(/\n\s*\nPossible fix/)[0].split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = (lines.at(-1) ?? text).replace(/^[A-Za-z ]+Error: /, '').replace(/\.$/, '');
  const where = line ? ` at line ${line}` : '';
  return new DuesightError(`${fileName} cannot be read as CSV${where}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`, { duckdb: text });
}

/**
 * Creates `import_stage_<table>` on `conn` and fills it from `source` with every column as
 * text under its canonical name (`plan.names`); columns the file lacks stay NULL. Its rowids
 * follow the file's order, which is how import_typed_* numbers the rows.
 */
export async function stageFile(
  conn: DuckDBConnection,
  spec: KindSpec,
  source: PreparedSource,
  plan: ColumnPlan,
  fileName: string,
  onProgress?: ProgressListener,
): Promise<void> {
  await execute(conn, `import_stage_${spec.table}`);
  // A file with none of the kind's columns is rejected for that alone: no need to read it.
  if (plan.present.size === 0) return;
  try {
    await withProgress(conn, 'staging', onProgress, () =>
      queryText(conn, loadCsvStatement(spec), {
        file_path: source.csvPath, delimiter: source.delimiter, parallel: source.parallel, names: [...plan.names, OVERFLOW],
      }),
    );
  } catch (err) {
    throw csvReadError(fileName, source.delimiter, err);
  }
}
