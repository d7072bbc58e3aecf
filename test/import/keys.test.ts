// A first import into an empty table loads it before building its primary key (for speed); the
// table must end keyed and checked exactly as a fresh schema declares, and the invoices' status
// rows must be there as after any import.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { fixture, load, rows, workedBook } from './helpers.ts';

const CONSTRAINTS = `
  SELECT table_name || ' ' || constraint_type || ' ' || constraint_text || ' ' || array_to_string(constraint_column_names, ',') AS c
  FROM duckdb_constraints()
  WHERE table_name IN ('customers', 'invoices', 'payments', 'adjustments', 'fx_rates')
  ORDER BY c`;

async function constraints(db: Database): Promise<string[]> {
  return (await rows<{ c: string }>(db, CONSTRAINTS)).map((r) => r.c);
}

describe('first imports into empty tables', () => {
  let db: Database;
  let fresh: Database;
  beforeAll(async () => {
    db = await workedBook(true);
    fresh = await Database.open(':memory:');
  });
  afterAll(async () => {
    await db.close();
    await fresh.close();
  });

  test('leave every table with exactly the constraints of a fresh schema', async () => {
    expect(await constraints(db)).toEqual(await constraints(fresh));
  });

  test('a later duplicate id written directly is refused by the key', async () => {
    const attempt = db.write((conn) =>
      queryText(conn, `INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency)
                       VALUES ('A', 'C1', DATE '2024-01-05', DATE '2024-02-04', 1000, 'USD')`),
    );
    await expect(attempt).rejects.toThrow(/Duplicate key "invoice_id: A" violates primary key constraint/);
  });

  test('every invoice has its status row, from its payments and credit note', async () => {
    // A (1,000.00) is paid 600.00 on 2024-02-10 and 400.00 on 2024-03-20: 600 + 400 = 1,000, settled
    // on 2024-03-20. B (500.00) has a 100.00 credit note on 2024-03-01 and nothing else: open.
    // C and D have no events at all.
    expect(await rows(db, `SELECT invoice_id, first_event_date::VARCHAR AS first, settle_date::VARCHAR AS settled
                           FROM invoice_status ORDER BY invoice_id`)).toEqual([
      { invoice_id: 'A', first: '2024-02-10', settled: '2024-03-20' },
      { invoice_id: 'B', first: '2024-03-01', settled: null },
      { invoice_id: 'C', first: null, settled: null },
      { invoice_id: 'D', first: null, settled: null },
    ]);
    expect(await rows(db, `SELECT count(*)::INTEGER AS n FROM settlement_queue`)).toEqual([{ n: 0 }]);
  });

  test('re-importing the invoices into the now keyed table changes nothing', async () => {
    const report = await load(db, 'invoices', fixture('worked', 'invoices.csv'));
    expect(report).toMatchObject({ status: 'unchanged', inserted: 0, rejected: 0 });
  });
});
