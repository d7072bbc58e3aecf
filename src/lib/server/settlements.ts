/** Keeps the derived settle date of each invoice in step with its payments and adjustments. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute } from './sql.ts';

/**
 * Recomputes the settle dates of the invoices in `settlement_queue` (or of every invoice
 * when `all`), then empties the queue. Call inside the write transaction that changed them.
 */
export async function refreshSettlements(conn: DuckDBConnection, all = false): Promise<void> {
  if (all) {
    await execute(conn, 'settlements_queue_clear');
    await execute(conn, 'settlements_queue_all');
  }
  await execute(conn, 'settlements_delete_queued');
  await execute(conn, 'settlements_insert_queued');
  await execute(conn, 'settlements_queue_clear');
}
