/** Keeps the derived status of each invoice (first event, settle and overpaid dates) in step with its events. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute } from './sql.ts';

/**
 * Recomputes the status of the invoices in `settlement_queue` (or of every invoice when
 * `all`), then empties the queue. Call inside the write transaction that changed them:
 * queue every invoice written and every invoice a written payment or adjustment names.
 */
export async function refreshSettlements(conn: DuckDBConnection, all = false): Promise<void> {
  if (all) {
    await execute(conn, 'invoice_status_queue_clear');
    await execute(conn, 'invoice_status_queue_all');
  }
  await execute(conn, 'invoice_status_delete_queued');
  await execute(conn, 'invoice_status_insert_queued');
  await execute(conn, 'invoice_status_queue_clear');
}
