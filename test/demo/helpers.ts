/** Small demo books in fresh in-memory databases, and fingerprints of their tables, for the demo tests. */
import { Database } from '../../src/lib/server/db.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from '../../src/lib/server/demo/index.ts';
import { queryText, type Params } from '../../src/lib/server/sql.ts';

/** The size the demo tests use: big enough for every story, small enough to build in a blink. */
export const SMALL = { customers: 200, invoices: 5_000, seed: 42 } as const;
export const END = '2026-10-31';

/** Each data table the demo writes, with the key that orders its rows. */
export const DEMO_TABLES = {
  customers: 'customer_id',
  demo_profiles: 'customer_id',
  invoices: 'invoice_id',
  payments: 'payment_id',
  adjustments: 'adjustment_id',
  fx_rates: 'date, currency',
  settings: 'key',
} as const;

/** A fresh in-memory database holding a demo book. */
export async function openDemo(
  options: Omit<DemoOptions, 'onProgress'> = SMALL,
  threads?: number,
): Promise<{ db: Database; summary: DemoSummary }> {
  const db = await Database.open(':memory:', threads ? { threads } : {});
  const summary = await generateDemo(db, options);
  return { db, summary };
}

/** Rows of an ad-hoc test query. */
export function rows<T = Record<string, unknown>>(db: Database, sql: string, params: Params = {}): Promise<T[]> {
  return db.read((conn) => queryText<T>(conn, sql, params));
}

/** The one value of a one-row, one-column query. */
export async function value<T = number>(db: Database, sql: string, params: Params = {}): Promise<T> {
  const [row] = await rows(db, sql, params);
  return Object.values(row)[0] as T;
}

/** md5 of every row of a demo table, in key order: equal fingerprints, equal contents. */
export async function fingerprint(db: Database, table: keyof typeof DEMO_TABLES): Promise<string> {
  return value<string>(db, `SELECT md5(string_agg(t::VARCHAR, '\n' ORDER BY ${DEMO_TABLES[table]})) FROM ${table} t`);
}
