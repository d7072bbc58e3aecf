/**
 * What the SQL console lets through: one SELECT (or WITH … SELECT) statement over the data tables,
 * decided on DuckDB's own parse tree (json_serialize_sql), never by running or binding the text.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuesightError } from '../errors.ts';
import { query } from '../sql.ts';

/** The tables the console reads (no users, sessions, settings or audit log). */
export const CONSOLE_TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'fx_rates', 'invoice_status', 'import_log', 'demo_profiles'] as const;

/** Table functions that only generate values. Every other one (read_csv, glob, query, …) is refused. */
export const CONSOLE_TABLE_FUNCTIONS = ['range', 'generate_series', 'unnest', 'json_each', 'json_tree'] as const;

/** Scalar functions that change state or reveal the server's configuration. */
const REFUSED_FUNCTIONS: Record<string, string> = {
  nextval: 'advances a sequence (a write)',
  setval: 'changes a sequence (a write)',
  currval: 'reads a sequence of the application',
  setseed: 'changes the session state',
  getenv: "reads the server's environment",
  current_setting: "reads the server's configuration",
};

/** The longest text the console takes. */
export const CONSOLE_MAX_SQL_LENGTH = 20_000;

/** Why a statement was refused: one sentence for the reader, and a short kind for the audit log. */
export class ConsoleRefusal extends DuesightError {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message, { kind });
    this.name = 'ConsoleRefusal';
  }
}

const LIST = CONSOLE_TABLES.join(', ');

/** The first keyword of `sql`, after comments and brackets (to name a refused statement). */
export function firstKeyword(sql: string): string {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/^[\s(]+/, '');
  return (/^[a-z_]+/i.exec(text)?.[0] ?? '').toUpperCase();
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'MERGE', 'UPSERT', 'REPLACE', 'COMMENT', 'VACUUM', 'CHECKPOINT', 'ANALYZE', 'IMPORT']);

/** The refusal of a statement that is not a SELECT, named after what it is. */
function notSelect(sql: string, parserMessage: string): ConsoleRefusal {
  const word = firstKeyword(sql);
  if (WRITES.has(word)) return new ConsoleRefusal('write', `The console only reads: ${word} statements change the database and are refused.`);
  if (word === 'ATTACH' || word === 'DETACH' || word === 'USE') {
    return new ConsoleRefusal('attach', `${word} is refused: the console reads only the tables of this database (${LIST}).`);
  }
  if (word === 'COPY' || word === 'EXPORT') return new ConsoleRefusal('copy', `${word} writes files and is refused; use the CSV or Arrow download of the result instead.`);
  if (word === 'INSTALL' || word === 'LOAD' || word === 'FORCE' || word === 'UPDATE_EXTENSIONS') {
    return new ConsoleRefusal('extension', 'Extensions cannot be installed or loaded from the console.');
  }
  if (word === 'SET' || word === 'RESET' || word === 'PRAGMA' || word === 'CALL') {
    return new ConsoleRefusal('setting', `${word} is refused: settings cannot be changed or called from the console.`);
  }
  if (word === 'SELECT' || word === 'WITH' || word === 'FROM' || word === 'VALUES') {
    return new ConsoleRefusal('parse', `DuckDB cannot read this statement: ${parserMessage}`);
  }
  return new ConsoleRefusal('statement', `Only a single SELECT (or WITH … SELECT) statement can run here; this is ${word ? `a ${word} statement` : 'not one'}.`);
}

function looksLikeFile(name: string): boolean {
  return /[/\\.:]/.test(name) || /^(https?|s3|gs|az)/i.test(name);
}

/** Refuses a table reference outside the console's tables (or a file path standing for one). */
function checkTable(node: Record<string, unknown>, ctes: Set<string>): void {
  const name = String(node.table_name ?? '');
  const schema = String(node.schema_name ?? '');
  const catalog = String(node.catalog_name ?? '');
  if (!schema && !catalog && ctes.has(name.toLowerCase())) return;
  if (looksLikeFile(name)) throw new ConsoleRefusal('file', `"${name}" names a file, and reading files is refused: the console reads only the data tables (${LIST}).`);
  const qualified = [catalog, schema, name].filter(Boolean).join('.');
  if ((schema && schema !== 'main') || catalog || !(CONSOLE_TABLES as readonly string[]).includes(name.toLowerCase())) {
    throw new ConsoleRefusal('table', `The console reads only the data tables (${LIST}); "${qualified}" is not one of them.`);
  }
}

function checkTableFunction(name: string): void {
  if ((CONSOLE_TABLE_FUNCTIONS as readonly string[]).includes(name)) return;
  if (/^(read_|parquet_|sniff_|glob$|.*_scan$|iceberg|delta)/.test(name)) {
    throw new ConsoleRefusal('file', `${name} reads files and is refused: the console reads only the data tables (${LIST}).`);
  }
  throw new ConsoleRefusal('function', `The table function ${name} is not available in the console; it offers ${CONSOLE_TABLE_FUNCTIONS.join(', ')}.`);
}

/** Every CTE name defined anywhere in the tree. */
function cteNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => cteNames(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const map = (o.cte_map as { map?: { key: string }[] } | undefined)?.map;
    if (map) for (const entry of map) out.add(entry.key.toLowerCase());
    for (const v of Object.values(o)) cteNames(v, out);
  }
  return out;
}

/** Walks the parse tree, refusing what the console does not allow. */
function walk(node: unknown, ctes: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, ctes);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'BASE_TABLE') checkTable(o, ctes);
  if (o.type === 'TABLE_FUNCTION') {
    const fn = o.function as { function_name?: string } | undefined;
    checkTableFunction(String(fn?.function_name ?? '').toLowerCase());
  }
  if (o.class === 'FUNCTION' && typeof o.function_name === 'string') {
    const why = REFUSED_FUNCTIONS[o.function_name.toLowerCase()];
    if (why) throw new ConsoleRefusal('function', `${o.function_name} ${why} and is refused in the console.`);
  }
  for (const v of Object.values(o)) walk(v, ctes);
}

/**
 * Checks the console's text on `conn` without running it: a single SELECT statement whose every
 * table is a data table, whose table functions only generate values, and whose CTEs shadow no
 * table. Throws a ConsoleRefusal saying why not.
 */
export async function checkConsoleSql(conn: DuckDBConnection, sql: string): Promise<void> {
  if (!sql.trim()) throw new ConsoleRefusal('empty', 'Write a SELECT statement to run.');
  if (sql.length > CONSOLE_MAX_SQL_LENGTH) throw new ConsoleRefusal('length', `The statement is ${sql.length} characters long; the console takes at most ${CONSOLE_MAX_SQL_LENGTH}.`);
  let count: number;
  try {
    count = (await conn.extractStatements(sql)).count;
  } catch (err) {
    throw new ConsoleRefusal('parse', `DuckDB cannot read this statement: ${(err as Error).message}`);
  }
  if (count !== 1) throw new ConsoleRefusal('statements', `Run one statement at a time: this text holds ${count}.`);
  const [{ tree }] = await query<{ tree: string }>(conn, 'explore_sql_parse', { sql });
  const parsed = JSON.parse(tree) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) throw notSelect(sql, parsed.error_message ?? 'unknown error');
  const ctes = cteNames(parsed.statements);
  if (ctes.size) {
    const [{ names }] = await query<{ names: string[] }>(conn, 'explore_sql_relation_names');
    // Shadowing a data table is harmless (both read data tables); shadowing any other would let
    // an unqualified name inside the CTE's own body reach that table.
    const shadowing = [...ctes].find((c) => names.includes(c) && !(CONSOLE_TABLES as readonly string[]).includes(c));
    if (shadowing) throw new ConsoleRefusal('table', `The CTE name "${shadowing}" is the name of a table or view; choose another name.`);
  }
  walk(parsed.statements, ctes);
}
