/** Shared pieces of the import tests: fixture paths, temp folders, and a snapshot of the book to compare before and after. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from '../../src/lib/server/db.ts';
import { importFile, type ImportOptions, type ImportResult } from '../../src/lib/server/import/index.ts';
import { queryText } from '../../src/lib/server/sql.ts';

/** The repository root (tests run from it). */
export const root = resolve(import.meta.dirname, '../..');

/** A file under test/fixtures/import/. */
export function fixture(...parts: string[]): string {
  return join(root, 'test', 'fixtures', 'import', ...parts);
}

/** A fresh temp folder, removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'duesight-import-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Imports and fails the test when the file is not written. */
export async function load(db: Database, kind: ImportOptions['kind'], path: string, extra: Partial<ImportOptions> = {}): Promise<ImportResult> {
  const report = await importFile(db, { kind, path, ...extra });
  if (report.status === 'rejected') throw new Error(`${path} was rejected: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report;
}

/** An in-memory database holding the spec's worked example (customers and invoices A-D; `full` adds its payments and credit note). */
export async function workedBook(full = false, customers = fixture('worked', 'customers.csv')): Promise<Database> {
  const db = await Database.open(':memory:');
  await load(db, 'customers', customers);
  await load(db, 'invoices', fixture('worked', 'invoices.csv'));
  if (full) {
    await load(db, 'payments', fixture('worked', 'payments.csv'));
    await load(db, 'adjustments', fixture('worked', 'adjustments.csv'));
  }
  return db;
}

/** Rows of `sql` on `db`. */
export function rows<T = Record<string, unknown>>(db: Database, sql: string): Promise<T[]> {
  return db.read((conn) => queryText<T>(conn, sql));
}

/** The tables of the book (what an import may write). */
export const BOOK_TABLES = ['settings', 'customers', 'invoices', 'payments', 'adjustments', 'fx_rates', 'invoice_status', 'settlement_queue'] as const;

/**
 * Every row of the book's tables, as text: equal snapshots mean an unchanged book. The import log
 * and the audit log (whose head is kept in settings) are left out: a rejected import is rightly
 * recorded there.
 */
export async function bookSnapshot(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const t of BOOK_TABLES) {
    const where = t === 'settings' ? ` WHERE key <> 'audit_head'` : '';
    parts.push(`${t}: ${JSON.stringify(await rows(db, `SELECT * FROM ${t}${where} ORDER BY ALL`))}`);
  }
  return parts.join('\n');
}

/** How many rows `table` holds. */
export async function count(db: Database, table: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM ${table}`);
  return r.n;
}
