/** Bulk loads into empty tables before their primary keys are built (demo, first imports), then declares the keys again, unchanged. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuesightError } from '../errors.ts';
import { query, queryText } from '../sql.ts';

// The tables filled with millions of rows, each keyed on one text id. DuckDB checks a key row
// by row as rows arrive, and again when they commit; a key declared after the load is built
// once, at commit, from all the rows.
const BULK_TABLES = ['customers', 'invoices', 'payments', 'adjustments'] as const;
/** A table whose key may be declared after a bulk load. */
export type BulkTable = (typeof BULK_TABLES)[number];

/** Whether `table` is one of the tables deferPrimaryKeys handles. */
export function isBulkTable(table: string): table is BulkTable {
  return (BULK_TABLES as readonly string[]).includes(table);
}

interface Definition {
  sql: string;
  key: string[] | null;
  constraints: string[];
  dependents: number;
}

async function definition(conn: DuckDBConnection, table: BulkTable): Promise<Definition> {
  const [found] = await query<Definition>(conn, 'import_table_definition', { table });
  if (!found) throw new DuesightError(`The database has no ${table} table; open it with this Duesight to create its schema.`);
  return found;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** What deferPrimaryKeys did: which tables were empty, and the step that declares their keys again. */
export interface DeferredKeys {
  /** The tables of the list that held no rows (their statuses need no queue: every invoice is new). */
  empty: ReadonlySet<BulkTable>;
  /** Declares the deferred keys again; call once the rows are in, before commit. */
  declare(): Promise<void>;
}

/**
 * Inside the caller's transaction, re-creates each empty table of `tables` without its one-column
 * primary key (its columns, defaults and checks as declared), and returns the step that
 * declares the keys again once the rows are in. That step checks that every table ends with
 * exactly the constraints it had, so a duplicate or missing id fails the whole transaction
 * with DuckDB's usual constraint error. A table that holds rows, has a composite key or has
 * indexes or references depending on it keeps its key throughout.
 */
export async function deferPrimaryKeys(conn: DuckDBConnection, tables: readonly BulkTable[] = BULK_TABLES): Promise<DeferredKeys> {
  const deferred: { table: BulkTable; key: string; constraints: string[] }[] = [];
  const empty = new Set<BulkTable>();
  for (const table of tables) {
    const before = await definition(conn, table);
    // The table name is a BulkTable, never input.
    const [{ held }] = await queryText<{ held: number }>(conn, `SELECT count(*)::INTEGER AS held FROM ${quoted(table)}`);
    if (held > 0) continue;
    empty.add(table);
    const keyless = before.sql.replace(/ PRIMARY KEY(?=[,)])/, '');
    if (before.dependents > 0 || before.key?.length !== 1 || keyless === before.sql || keyless.includes('PRIMARY KEY')) continue;
    await conn.run(`DROP TABLE ${quoted(table)}`);
    await conn.run(keyless);
    deferred.push({ table, key: before.key[0], constraints: before.constraints });
  }
  const declare = async () => {
    for (const { table, key, constraints } of deferred) {
      await conn.run(`ALTER TABLE ${quoted(table)} ADD PRIMARY KEY (${quoted(key)})`);
      const after = await definition(conn, table);
      if (JSON.stringify(after.constraints) !== JSON.stringify(constraints)) {
        throw new DuesightError(`The constraints of the ${table} table could not be declared again after loading it (${after.constraints.join('; ')}); nothing was written.`);
      }
    }
  };
  return { empty, declare };
}
