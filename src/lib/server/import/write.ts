/** Writes the valid staged rows of one file into the book and keeps invoice statuses in step, inside the caller's transaction. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProgressListener } from '../../types.ts';
import { refreshSettlements } from '../settlements.ts';
import { execute, query, type Params } from '../sql.ts';
import type { KindSpec } from './kinds.ts';
import { withProgress } from './progress.ts';
import { deferPrimaryKeys, isBulkTable } from './deferred-keys.ts';

/** Rows written per table; re-imports write none. */
export type Inserted = Record<string, number>;

/** The insert statements of each kind, in the order foreign keys need, with the table each fills. */
const INSERTS: Record<KindSpec['table'], ReadonlyArray<readonly [file: string, table: string]>> = {
  customers: [['import_insert_customers', 'customers']],
  invoices: [['import_insert_invoices', 'invoices']],
  payments: [['import_insert_payments', 'payments']],
  adjustments: [['import_insert_adjustments', 'adjustments']],
  fx_rates: [['import_insert_fx_rates', 'fx_rates']],
  ledger: [
    ['import_insert_ledger_customers', 'customers'],
    ['import_insert_ledger_invoices', 'invoices'],
    ['import_insert_ledger_payments', 'payments'],
  ],
};

/** Which written tables change invoice statuses, and the query queueing their invoices. */
const QUEUES: Record<string, string> = {
  invoices: 'import_queue_invoices',
  payments: 'import_queue_payments',
  adjustments: 'import_queue_adjustments',
};

/**
 * Inserts the rows of `import_typed_<table>` that have no rejection and are new, stamped with
 * `params.import_id`; queues every invoice written or named by a written payment or adjustment
 * and recomputes their status (src/lib/server/settlements.ts). Must run inside a write transaction.
 * A first load into an empty table declares that table's key once its rows are in (deferred-keys.ts),
 * and when the invoices table was empty, every invoice is new: all statuses are computed, unqueued.
 */
export async function writeValidRows(conn: DuckDBConnection, spec: KindSpec, params: Params, onProgress?: ProgressListener): Promise<Inserted> {
  const inserted: Inserted = {};
  const keys = await deferPrimaryKeys(conn, INSERTS[spec.table].map(([, table]) => table).filter(isBulkTable));
  for (const [file, table] of INSERTS[spec.table]) {
    const [result] = await withProgress(conn, `writing ${table}`, onProgress, () => query<{ Count: number }>(conn, file, params));
    inserted[table] = (inserted[table] ?? 0) + (result?.Count ?? 0);
  }
  // Quick: DuckDB builds a declared key's index at commit (the 'committing' stage).
  await keys.declare();
  const allNew = keys.empty.has('invoices') && (inserted.invoices ?? 0) > 0;
  let queued = false;
  for (const [table, count] of Object.entries(inserted)) {
    const queue = QUEUES[table];
    if (queue && count > 0 && !allNew) {
      await withProgress(conn, 'queueing invoices', onProgress, () => execute(conn, queue, params));
      queued = true;
    }
  }
  if (queued || allNew) await withProgress(conn, 'updating invoice status', onProgress, () => refreshSettlements(conn, allNew));
  return inserted;
}
