/** Empties a book for `demo --replace`, inside the caller's write transaction. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute } from '../sql.ts';
import { refreshSettlements } from '../settlements.ts';

// Every table the demo fills.
const DATA_TABLES = ['payments', 'adjustments', 'invoices', 'customers', 'fx_rates', 'profiles'] as const;

/**
 * Deletes every customer, invoice, payment, adjustment, FX rate and demo profile, and the
 * rows derived from the invoices; settings and the import log stay. All of it commits or
 * rolls back with the rest of the caller's transaction.
 */
export async function emptyBook(conn: DuckDBConnection): Promise<void> {
  for (const table of DATA_TABLES) await execute(conn, `demo_delete_${table}`);
  // Recomputing every invoice's status, with none left, removes the derived rows.
  await refreshSettlements(conn, true);
}
