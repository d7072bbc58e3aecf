/** Loads the SQL files of queries/ and runs them with every value bound, never spliced. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DuckDBConnection, type DuckDBDataChunk, type DuckDBResult, type DuckDBValue, JSDuckDBValueConverter, listValue, LIST, VARCHAR, INTEGER, DOUBLE, type DuckDBType,
} from '@duckdb/node-api';
import { queriesDir } from './paths.ts';

/** A value a query may be given: dates travel as ISO strings and are cast in SQL. */
export type Param = string | number | boolean | null | readonly string[] | readonly number[];
export type Params = Record<string, Param>;
export type Row = Record<string, unknown>;

const cache = new Map<string, string>();

/** The text of `queries/<name>.sql`. */
export function sqlText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(queriesDir, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

function toDuck(params: Params): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType | undefined> } {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      const numeric = value.every((v) => typeof v === 'number');
      values[key] = listValue(value as DuckDBValue[]);
      types[key] = LIST(numeric ? (value.every((v) => Number.isInteger(v)) ? INTEGER : DOUBLE) : VARCHAR);
    } else if (typeof value === 'number') {
      values[key] = value;
      types[key] = Number.isInteger(value) ? INTEGER : DOUBLE;
    } else {
      values[key] = value as DuckDBValue;
    }
  }
  return { values, types };
}

/** Only the parameters a statement names, so one params object can serve several files. */
function paramsUsed(text: string, params: Params): Params {
  const used: Params = {};
  for (const key of Object.keys(params)) if (new RegExp(`\\$${key}\\b`).test(text)) used[key] = params[key];
  return used;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Hands each chunk of `result` to `sink`, in order, until the rows run out. */
async function eachChunk(result: DuckDBResult, sink: (chunk: DuckDBDataChunk) => Promise<void> | void): Promise<void> {
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) await sink(chunk);
}

/** Runs SQL text with bound values; rows come back with bigints as numbers and dates as ISO strings. */
export async function queryText<T = Row>(conn: DuckDBConnection, text: string, params: Params = {}): Promise<T[]> {
  const { values, types } = toDuck(paramsUsed(text, params));
  const result = await conn.run(text, values, types);
  const names = result.deduplicatedColumnNames();
  const rows: T[] = [];
  // Chunk by chunk (2,048 rows), as DuckDB hands them over: between two, the event loop serves
  // others, so a large answer being read does not hold up every page meanwhile.
  await eachChunk(result, (chunk) => {
    for (let r = 0; r < chunk.rowCount; r++) {
      const row: Row = {};
      chunk.visitRowValues(r, (value, _row, column, type) => {
        row[names[column]] = plain(JSDuckDBValueConverter(value, type, JSDuckDBValueConverter));
      });
      rows.push(row as T);
    }
  });
  return rows;
}

/** Runs `queries/<name>.sql` and returns its rows. */
export function query<T = Row>(conn: DuckDBConnection, name: string, params: Params = {}): Promise<T[]> {
  return queryText<T>(conn, sqlText(name), params);
}

/** Runs `queries/<name>.sql` for its effect. */
export async function execute(conn: DuckDBConnection, name: string, params: Params = {}): Promise<void> {
  const text = sqlText(name);
  const { values, types } = toDuck(paramsUsed(text, params));
  await conn.run(text, values, types);
}

/**
 * Runs `queries/<name>.sql` and hands its result to `sink` one DuckDB chunk (about 2,048 rows)
 * at a time, fetching the next only when `sink` is done: large results never sit in memory whole.
 */
export async function streamQuery(
  conn: DuckDBConnection,
  name: string,
  params: Params,
  sink: (chunk: DuckDBDataChunk) => Promise<void> | void,
): Promise<void> {
  const text = sqlText(name);
  const { values, types } = toDuck(paramsUsed(text, params));
  await eachChunk(await conn.stream(text, values, types), sink);
}
