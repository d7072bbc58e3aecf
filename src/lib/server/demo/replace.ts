/** Empties a book for `demo --replace`, inside the caller's write transaction. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute } from '../sql.ts';
import { refreshSettlements } from '../settlements.ts';

// Every table the demo fills; their derived rows go through the settlement queue.
const DATA_TABLES = ['payments', 'adjustments', 'invoices', 'customers', 'fx_rates', 'profiles'] as const;

/**
 * Deletes every customer, invoice, payment, adjustment, FX rate and demo profile, and the
 * rows derived from the invoices; settings and the import log stay. All of it commits or
 * rolls back with the rest of the caller's transaction.
 */
export async function emptyBook(conn: DuckDBConnection): Promise<void> {
  // Queued while the invoices still exist: refreshing a queued invoice that is gone removes its derived rows.
  await execute(conn, 'demo_queue_all_invoices');
  for (const table of DATA_TABLES) await execute(conn, `demo_delete_${table}`);
  await refreshSettlements(conn);
}
