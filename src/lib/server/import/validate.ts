/** Reads the staged text into typed values and lists every rejection, all in SQL (queries/import_typed_* and import_check_*). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportRowError } from '../../types.ts';
import { execute, query, type Params } from '../sql.ts';
import type { KindSpec } from './kinds.ts';

/** The temporary macros the import queries use, in the order they depend on each other. */
const MACROS = [
  'import_macro_text',
  'import_macro_number_digits',
  'import_macro_number_text',
  'import_macro_date',
  'import_macro_flag',
  'import_macro_message',
  'import_macro_amount_problem',
  'import_macro_date_problem',
  'import_macro_invoice_changes',
] as const;

/** Defines the import macros on `conn` (temporary: they live as long as the connection). */
export async function defineImportMacros(conn: DuckDBConnection): Promise<void> {
  for (const name of MACROS) await execute(conn, name);
}

/** What validation found. */
export interface Validation {
  /** Records read (wholly empty ones left out). */
  rows: number;
  /** Rows with at least one rejection. */
  rejected: number;
  errors: ImportRowError[];
}

/**
 * Fills `import_typed_<table>` from the staging table (the row count), and unless
 * `checkRows` is false (the file itself is at fault), `import_errors` with every rejection.
 */
export async function validateStaged(conn: DuckDBConnection, spec: KindSpec, params: Params, checkRows: boolean): Promise<Validation> {
  if (spec.looksUpCustomersOnly) await execute(conn, 'import_plan_lookups_right');
  const [typed] = await query<{ Count: number }>(conn, `import_typed_${spec.table}`, params);
  if (spec.looksUpCustomersOnly) await execute(conn, 'import_plan_reset');
  await execute(conn, 'import_errors_create');
  if (!checkRows) return { rows: typed.Count, rejected: typed.Count, errors: [] };
  await execute(conn, `import_check_${spec.table}`, params);
  const [{ rejected }] = await query<{ rejected: number }>(conn, 'import_errors_rows');
  const errors = await query<ImportRowError>(conn, 'import_errors_list');
  return { rows: typed.Count, rejected, errors };
}
