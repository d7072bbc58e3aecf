/** Runs the SQL console's checked statement in a read-only transaction, with a row cap and a time limit. */
import { JsonDuckDBValueConverter, type DuckDBConnection, type DuckDBResult, type Json } from '@duckdb/node-api';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { query } from '../sql.ts';
import { checkConsoleSql, CONSOLE_TABLES, ConsoleRefusal } from './sql-guard.ts';

/** Rows the console shows at most, and rows a download holds at most. */
export const CONSOLE_ROW_CAP = 10_000;
export const CONSOLE_DOWNLOAD_CAP = 1_000_000;
/** How long a statement may run before it is interrupted. */
export const CONSOLE_TIME_LIMIT_MS = 10_000;

/** A result column: its name and DuckDB type. */
export interface ConsoleColumn {
  name: string;
  type: string;
}

/** What a console run returns. */
export interface ConsoleResult {
  columns: ConsoleColumn[];
  /** Values as JSON (big integers and decimals as text, dates as ISO text). */
  rows: Json[][];
  /** True when the statement had more rows than the cap. */
  truncated: boolean;
  cap: number;
  ms: number;
}

/** Limits of one run. */
export interface ConsoleLimits {
  rowCap?: number;
  timeLimitMs?: number;
}

/** A statement stopped by the time limit. */
export class ConsoleTimeout extends DuesightError {
  constructor(ms: number) {
    super(`The statement ran longer than ${ms / 1000} s and was stopped; narrow it (a WHERE clause, fewer joins) or aggregate.`);
    this.name = 'ConsoleTimeout';
  }
}

/**
 * Checks `sql` (checkConsoleSql), then streams its result in a READ ONLY transaction, handing each
 * chunk's rows to `sink` until `rowCap` rows (the next row is read only to know that there are
 * more). The connection is interrupted after `timeLimitMs`.
 */
export async function streamConsoleQuery(
  db: Database,
  sql: string,
  limits: ConsoleLimits,
  sink: (rows: Json[][], result: DuckDBResult) => Promise<void> | void,
): Promise<{ columns: ConsoleColumn[]; truncated: boolean }> {
  const cap = limits.rowCap ?? CONSOLE_ROW_CAP;
  const ms = limits.timeLimitMs ?? CONSOLE_TIME_LIMIT_MS;
  return db.read(async (conn: DuckDBConnection) => {
    await checkConsoleSql(conn, sql);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
    }, ms);
    await conn.run('BEGIN TRANSACTION READ ONLY');
    try {
      const result = await conn.stream(sql);
      const columns = result.columnNames().map((name, i) => ({ name, type: result.columnType(i).toString() }));
      let seen = 0;
      let truncated = false;
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const rows = chunk.convertRows(JsonDuckDBValueConverter) as Json[][];
        const room = cap - seen;
        if (rows.length > room) truncated = true;
        const kept = rows.length > room ? rows.slice(0, room) : rows;
        seen += kept.length;
        if (kept.length) await sink(kept, result);
        if (truncated) break;
      }
      return { columns, truncated };
    } catch (err) {
      if (timedOut) throw new ConsoleTimeout(ms);
      if (err instanceof ConsoleRefusal) throw err;
      throw new DuesightError(`DuckDB could not run the statement: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      await conn.run('ROLLBACK').catch(() => undefined);
    }
  });
}

/** Runs `sql` for the console's table: at most `rowCap` rows. */
export async function runConsoleQuery(db: Database, sql: string, limits: ConsoleLimits = {}): Promise<ConsoleResult> {
  const started = performance.now();
  const rows: Json[][] = [];
  const { columns, truncated } = await streamConsoleQuery(db, sql, limits, (chunk) => {
    rows.push(...chunk);
  });
  return { columns, rows, truncated, cap: limits.rowCap ?? CONSOLE_ROW_CAP, ms: Math.round(performance.now() - started) };
}

/** The console's tables and their columns ("name TYPE"), for its schema panel. */
export function consoleSchema(db: Database): Promise<{ table_name: string; columns: string[] }[]> {
  return db.read((conn) => query(conn, 'explore_sql_schema', { tables: [...CONSOLE_TABLES] }));
}
