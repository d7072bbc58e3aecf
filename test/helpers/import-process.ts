/**
 * `duesight import` as a child process, for the tests that run it, kill it and look at the
 * database afterwards: running it, waiting for its end, generating a large file, and reading
 * back what the book holds.
 */
import { spawn, spawnSync, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { BOOK_TABLES, bookSnapshot, root } from '../import/helpers.ts';

/** The `duesight` command. */
export const BIN = join(root, 'bin', 'duesight.js');

/** The environment of a child: its temp files in `tmp` (a killed process cannot clean up), plus `env`. */
function childEnv(tmp: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: tmp, ...env };
}

/** Runs `duesight …args` to its end; its exit status and output. */
export function runCli(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', env: childEnv(tmp, env) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `duesight …args` and returns at once (stdout and stderr are pipes). */
export function startCli(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd: root, env: childEnv(tmp, env) });
}

/** Resolves with the signal that ended `child` (null when it exited by itself). */
export function ended(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

/**
 * Writes a customers file of 1,000 customers (K0000…K0999) and an invoices file of `rows`
 * invoices spread over them, into `dir`; returns their paths.
 */
export async function writeLargeBook(dir: string, rows: number): Promise<{ customers: string; invoices: string }> {
  const customers = join(dir, 'big-customers.csv');
  const invoices = join(dir, 'big-invoices.csv');
  const mem = await Database.open(':memory:');
  try {
    await mem.read(async (c) => {
      await queryText(c, `COPY (SELECT printf('K%04d', i) AS customer_id, 'Customer ' || i AS name FROM range(1000) t(i)) TO $p (HEADER)`, { p: customers });
      await queryText(c, `COPY (SELECT printf('INV%07d', i) AS invoice_id, printf('K%04d', i % 1000) AS customer_id,
          DATE '2024-01-01' + (i % 300)::INT AS invoice_date, DATE '2024-01-31' + (i % 300)::INT AS due_date,
          (10 + i % 5000)::DECIMAL(18,2) AS amount FROM range($n) t(i)) TO $p (HEADER)`, { p: invoices, n: rows });
    });
  } finally {
    await mem.close();
  }
  return { customers, invoices };
}

/** Opens the database file at `path`, runs `fn` on it, and closes it again. */
async function withDatabase<T>(path: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(path);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The book and the number of import log entries of the database file at `path`. */
export function bookState(path: string): Promise<{ book: string; log: number }> {
  return withDatabase(path, async (db) => {
    const book = await bookSnapshot(db);
    const [{ n }] = await db.read((c) => queryText<{ n: number }>(c, 'SELECT count(*)::INTEGER AS n FROM import_log'));
    return { book, log: n };
  });
}

/**
 * Row counts and an order-independent checksum (the sum of the rows' hashes) of every book
 * table of the database file at `path`: equal figures mean the same rows. Cheaper than
 * bookSnapshot on a large book. The import log and the audit log are left out, as there, and so
 * is each row's import id: an import killed after drawing its id leaves the sequence advanced
 * (ids need not be consecutive), so the same rows re-imported carry the next one.
 */
export function bookChecksum(path: string): Promise<Record<string, string>> {
  return withDatabase(path, (db) =>
    db.read(async (c) => {
      const out: Record<string, string> = {};
      for (const table of BOOK_TABLES) {
        const where = table === 'settings' ? ` WHERE key <> 'audit_head'` : '';
        const stamped = (await queryText(c, `SELECT 1 FROM duckdb_columns() WHERE table_name = $t AND column_name = 'import_id'`, { t: table })).length > 0;
        const rows = `(SELECT * ${stamped ? 'EXCLUDE (import_id)' : ''} FROM ${table}${where})`;
        const [r] = await queryText<{ n: number; h: string }>(c, `SELECT count(*)::INTEGER AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM ${rows} t`);
        out[table] = `${r.n} rows, checksum ${r.h}`;
      }
      return out;
    }),
  );
}
