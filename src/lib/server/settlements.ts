/** Keeps the derived data in step with what was written: each invoice's status row, and the currency of events. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute } from './sql.ts';

/**
 * Derives the currency (and, for adjustments, the customer) of newly written events, and
 * recomputes the status of the invoices in `settlement_queue` (or of every invoice when
 * `all`: after a bulk load, or after deleting them all), then empties the queue. Call inside
 * the write transaction that changed them: queue every invoice written and every invoice a
 * written payment or adjustment names. `derive: false` skips the derivation, for writers that
 * give every event its currency and customer themselves (the demo).
 */
export async function refreshSettlements(conn: DuckDBConnection, all = false, { derive = true } = {}): Promise<void> {
  if (derive) {
    await execute(conn, 'payments_fill_currency');
    await execute(conn, 'adjustments_fill_invoice_terms');
  }
  await execute(conn, 'invoice_status_delete_queued', { all });
  await execute(conn, all ? 'invoice_status_insert_all' : 'invoice_status_insert_queued');
  await execute(conn, 'invoice_status_queue_clear');
}
