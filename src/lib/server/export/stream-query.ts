/** Streams the rows of a queries/*.sql file chunk by chunk, so that a million-row report never sits in memory whole. */
import type { Database } from '../db.ts';
import { streamQuery, type Params } from '../sql.ts';
import type { CanonicalRow } from './columns.ts';

/**
 * Runs `queries/<name>.sql`, whose columns must all be VARCHAR in canonical form, and hands each
 * DuckDB chunk (about 2,048 rows) to `sink` before fetching the next.
 */
export function streamQueryRows(
  db: Database,
  name: string,
  params: Params,
  sink: (rows: CanonicalRow[]) => Promise<void> | void,
): Promise<void> {
  return db.read((conn) => streamQuery(conn, name, params, (chunk) => sink(chunk.getRows() as CanonicalRow[])));
}
