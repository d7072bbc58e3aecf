// The spec's worked example (spec/kpis.md) loaded through the CSV importer, then checked in SQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { openBook, workedExample } from '../helpers/book.ts';
import { count, rows, workedBook } from './helpers.ts';

const OPEN_AT = `
  SELECT i.invoice_id,
         (i.amount
          - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.invoice_id AND p.payment_date <= $d::DATE), 0)
          - coalesce((SELECT sum(a.amount) FROM adjustments a WHERE a.invoice_id = i.invoice_id AND a.date <= $d::DATE), 0))::DOUBLE AS open
  FROM invoices i WHERE i.invoice_date <= $d::DATE ORDER BY i.invoice_id`;

describe('the worked example through the CSV importer', () => {
  let db: Database;
  beforeAll(async () => {
    db = await workedBook(true);
  });
  afterAll(() => db.close());

  test('every row is in, with text ids and exact amounts', async () => {
    expect(await count(db, 'customers')).toBe(1);
    expect(await rows(db, `SELECT invoice_id, customer_id, invoice_date, due_date, amount::VARCHAR AS amount, currency, disputed FROM invoices ORDER BY 1`)).toEqual([
      { invoice_id: 'A', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '1000.00', currency: 'USD', disputed: false },
      { invoice_id: 'B', customer_id: 'C1', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: '500.00', currency: 'USD', disputed: false },
      { invoice_id: 'C', customer_id: 'C1', invoice_date: '2024-03-15', due_date: '2024-04-14', amount: '800.00', currency: 'USD', disputed: false },
      { invoice_id: 'D', customer_id: 'C1', invoice_date: '2024-04-02', due_date: '2024-05-02', amount: '300.00', currency: 'USD', disputed: false },
    ]);
    expect(await count(db, 'payments')).toBe(2);
    expect(await rows(db, `SELECT adjustment_id, invoice_id, date, amount::DOUBLE AS amount, kind FROM adjustments`)).toEqual([
      { adjustment_id: 'A1', invoice_id: 'B', date: '2024-03-01', amount: 100, kind: 'credit_note' },
    ]);
  });

  test('open amounts as of 2024-03-31: A 0, B 400, C 800, D not booked; AR 1200', async () => {
    const open = await db.read((c) => queryText<{ invoice_id: string; open: number }>(c, OPEN_AT, { d: '2024-03-31' }));
    expect(open).toEqual([
      { invoice_id: 'A', open: 0 },
      { invoice_id: 'B', open: 400 },
      { invoice_id: 'C', open: 800 },
    ]);
    expect(open.reduce((s, r) => s + r.open, 0)).toBe(1200);
  });

  test('A is settled on 2024-03-20, and every invoice has a status row', async () => {
    expect(await rows(db, `SELECT invoice_id, settle_date FROM invoice_status ORDER BY 1`)).toEqual([
      { invoice_id: 'A', settle_date: '2024-03-20' },
      { invoice_id: 'B', settle_date: null },
      { invoice_id: 'C', settle_date: null },
      { invoice_id: 'D', settle_date: null },
    ]);
    expect(await count(db, 'settlement_queue')).toBe(0);
  });

  test('holds the same book as the hand-built one (test/helpers/book.ts)', async () => {
    const reference = await openBook(workedExample);
    const columns: Record<string, string> = {
      customers: 'customer_id, name, segment, region, country, currency, payment_terms_days, credit_limit',
      invoices: 'invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed',
      payments: 'payment_id, customer_id, invoice_id, payment_date, amount, method',
      adjustments: 'adjustment_id, invoice_id, date, amount, kind',
      invoice_status: '*',
    };
    for (const [table, cols] of Object.entries(columns)) {
      const sql = `SELECT ${cols} FROM ${table} ORDER BY ALL`;
      expect(await rows(db, sql), table).toEqual(await rows(reference, sql));
    }
    await reference.close();
  });

  test('each file is one import_log row, and its rows carry its import_id', async () => {
    const log = await rows<{ import_id: number; kind: string; file_name: string; rows: number; inserted: number; status: string; sha256: string }>(
      db, `SELECT import_id, kind, file_name, rows, inserted, status, sha256 FROM import_log ORDER BY import_id`);
    expect(log.map((l) => [l.kind, l.file_name, l.rows, l.inserted, l.status])).toEqual([
      ['customers', 'customers.csv', 1, 1, 'imported'],
      ['invoices', 'invoices.csv', 4, 4, 'imported'],
      ['payments', 'payments.csv', 2, 2, 'imported'],
      ['adjustments', 'adjustments.csv', 1, 1, 'imported'],
    ]);
    expect(log.every((l) => /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
    const stamped = await rows(db, `
      SELECT (SELECT list(DISTINCT import_id) FROM customers) AS c, (SELECT list(DISTINCT import_id) FROM invoices) AS i,
             (SELECT list(DISTINCT import_id) FROM payments) AS p, (SELECT list(DISTINCT import_id) FROM adjustments) AS a`);
    expect(stamped).toEqual([{ c: [log[0].import_id], i: [log[1].import_id], p: [log[2].import_id], a: [log[3].import_id] }]);
  });
});
