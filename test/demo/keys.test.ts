// The demo loads its large tables before building their primary keys (for speed); the book it
// leaves must be keyed and checked exactly as a fresh schema declares, refusing bad rows with
// DuckDB's usual errors.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { SMALL, openDemo } from './helpers.ts';

// Every constraint of the data tables, one line each, in a stable order.
const CONSTRAINTS = `
  SELECT table_name || ' ' || constraint_type || ' ' || constraint_text || ' ' || array_to_string(constraint_column_names, ',') AS c
  FROM duckdb_constraints()
  WHERE table_name IN ('customers', 'invoices', 'payments', 'adjustments', 'fx_rates', 'demo_profiles')
  ORDER BY c`;

async function constraints(db: Database): Promise<string[]> {
  return (await db.read((conn) => queryText<{ c: string }>(conn, CONSTRAINTS))).map((r) => r.c);
}

describe('the demo book keeps the schema’s keys and checks', () => {
  let db: Database;
  let fresh: Database;
  beforeAll(async () => {
    ({ db } = await openDemo(SMALL));
    fresh = await Database.open(':memory:');
  });
  afterAll(async () => {
    await db.close();
    await fresh.close();
  });

  test('every table has exactly the constraints of a fresh schema', async () => {
    const declared = await constraints(fresh);
    // A primary key per data table at least: customers, invoices, payments, adjustments, fx_rates, demo_profiles.
    expect(declared.filter((c) => c.includes('PRIMARY KEY')).length).toBe(6);
    expect(await constraints(db)).toEqual(declared);
  });

  test('a repeated id is refused as a duplicate key, a missing one as NULL, a bad amount by its check', async () => {
    const attempt = (sql: string) => db.write((conn) => queryText(conn, sql)).then(() => 'written', (err: Error) => err.message);
    // INV00000001 is the demo's first invoice: ids number the invoices from 1.
    expect(await attempt(`INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency)
                          VALUES ('INV00000001', 'C000001', DATE '2026-01-01', DATE '2026-01-31', 10, 'USD')`))
      .toMatch(/Duplicate key "invoice_id: INV00000001" violates primary key constraint/);
    expect(await attempt(`INSERT INTO payments (payment_id, customer_id, payment_date, amount) VALUES (NULL, 'C000001', DATE '2026-01-01', 10)`))
      .toMatch(/NOT NULL constraint failed: payments.payment_id/);
    expect(await attempt(`INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind) VALUES ('X', 'INV00000001', DATE '2026-01-01', 0, 'discount')`))
      .toMatch(/CHECK constraint failed/);
    expect(await attempt(`INSERT INTO customers (customer_id, name, currency) VALUES ('C000001', 'Again', 'USD')`))
      .toMatch(/Duplicate key "customer_id: C000001"/);
  });
});
