// The ledger kind: one row per invoice with its settlement, read through a mapping.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import { bookSnapshot, fixture, rows, tempDir, workedBook } from './helpers.ts';

const US = { kind: 'ledger' as const, path: fixture('ledger', 'ledger_us.csv'), mapping: fixture('ledger', 'ledger_us.map.json') };

describe('ledger files', () => {
  let db: Database;
  beforeEach(async () => {
    db = await workedBook();
  });
  afterEach(() => db.close());

  test('US dates and Yes/No flags; unknown customers are created, known ones kept', async () => {
    const report = await importFile(db, US);
    expect(report).toMatchObject({ status: 'imported', rows: 4, accepted: 4, rejected: 0 });
    expect(report.inserted_by_table).toEqual({ customers: 2, invoices: 4, payments: 2 });
    expect(await rows(db, `SELECT customer_id, name, region, currency, payment_terms_days FROM customers ORDER BY 1`)).toEqual([
      { customer_id: '0042', name: 'Zeta GmbH', region: 'DE', currency: 'USD', payment_terms_days: 30 },
      { customer_id: 'ACME', name: 'Acme Corp', region: 'US', currency: 'USD', payment_terms_days: 30 },
      { customer_id: 'C1', name: 'Customer C1', region: 'North', currency: 'USD', payment_terms_days: 30 },
    ]);
    expect(await rows(db, `SELECT invoice_id, customer_id, invoice_date, due_date, amount::VARCHAR AS amount, currency, disputed FROM invoices WHERE invoice_id LIKE 'L-%' ORDER BY 1`)).toEqual([
      { invoice_id: 'L-001', customer_id: 'ACME', invoice_date: '2024-01-15', due_date: '2024-02-14', amount: '1200.00', currency: 'USD', disputed: false },
      // No due date: invoice date + 30 days (the customer's terms when known, else 30).
      { invoice_id: 'L-002', customer_id: 'ACME', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: '500.00', currency: 'USD', disputed: true },
      { invoice_id: 'L-003', customer_id: '0042', invoice_date: '2024-03-05', due_date: '2024-04-04', amount: '2000.00', currency: 'EUR', disputed: false },
      { invoice_id: 'L-004', customer_id: 'C1', invoice_date: '2024-03-10', due_date: '2024-04-09', amount: '75.00', currency: 'USD', disputed: true },
    ]);
    // A paid date and no paid amount column: paid in full on that date.
    expect(await rows(db, `SELECT payment_id, customer_id, invoice_id, payment_date, amount::VARCHAR AS amount FROM payments ORDER BY 1`)).toEqual([
      { payment_id: 'L-001/paid', customer_id: 'ACME', invoice_id: 'L-001', payment_date: '2024-02-20', amount: '1200.00' },
      { payment_id: 'L-004/paid', customer_id: 'C1', invoice_id: 'L-004', payment_date: '2024-03-12', amount: '75.00' },
    ]);
    expect(await rows(db, `SELECT invoice_id, settle_date FROM invoice_status WHERE invoice_id LIKE 'L-%' ORDER BY 1`)).toEqual([
      { invoice_id: 'L-001', settle_date: '2024-02-20' },
      { invoice_id: 'L-002', settle_date: null },
      { invoice_id: 'L-003', settle_date: null },
      { invoice_id: 'L-004', settle_date: '2024-03-12' },
    ]);
  });

  test('re-importing the ledger changes nothing', async () => {
    await importFile(db, US);
    const before = await bookSnapshot(db);
    const again = await importFile(db, US);
    expect(again).toMatchObject({ status: 'unchanged', inserted: 0, rejected: 0 });
    expect(await bookSnapshot(db)).toBe(before);
  });

  test('an invoice already imported with other values is rejected, naming what differs', async () => {
    await importFile(db, US);
    const before = await bookSnapshot(db);
    const tmp = tempDir();
    try {
      const changed = join(tmp.dir, 'ledger_changed.csv');
      writeFileSync(
        changed,
        'InvoiceNo,Customer,CustomerName,Country,Date,Due,Total,Cleared,Cur,Dispute\n' +
          'L-002,ACME,Acme Corp,US,02/01/2024,,550.00,,USD,No\n',
      );
      const report = await importFile(db, { ...US, path: changed });
      expect(report).toMatchObject({ status: 'rejected', rows: 1, rejected: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({
          row: 2,
          column: 'invoice_id',
          value: 'L-002',
          message: expect.stringMatching(
            /invoice "L-002" is already in the database with different values \(amount 500\.00 there, 550\.00 here; disputed true there, false here\)/,
          ),
        }),
      ]);
      expect(await bookSnapshot(db)).toBe(before);
    } finally {
      tmp.remove();
    }
  });

  test('a paid amount column: that amount on the paid date; empty or 0 means unpaid; more than the invoice stays', async () => {
    const report = await importFile(db, { kind: 'ledger', path: fixture('ledger', 'ledger_partial.csv'), mapping: fixture('ledger', 'ledger_partial.map.json') });
    expect(report).toMatchObject({ status: 'imported', rows: 4, delimiter: ';' });
    expect(await rows(db, `SELECT invoice_id, amount::VARCHAR AS amount, due_date FROM invoices WHERE invoice_id LIKE 'P-%' ORDER BY 1`)).toEqual([
      { invoice_id: 'P-1', amount: '1000.00', due_date: '2024-02-14' },
      { invoice_id: 'P-2', amount: '250.00', due_date: '2024-02-15' },
      { invoice_id: 'P-3', amount: '300.00', due_date: '2024-02-16' },
      { invoice_id: 'P-4', amount: '100.00', due_date: '2024-02-17' },
    ]);
    expect(await rows(db, `SELECT payment_id, payment_date, amount::VARCHAR AS amount FROM payments ORDER BY 1`)).toEqual([
      { payment_id: 'P-1/paid', payment_date: '2024-02-20', amount: '400.00' },
      { payment_id: 'P-4/paid', payment_date: '2024-01-28', amount: '150.00' },
    ]);
    expect(await rows(db, `SELECT customer_id, name FROM customers WHERE customer_id LIKE 'K%' ORDER BY 1`)).toEqual([
      { customer_id: 'K10', name: 'K10' },
      { customer_id: 'K9', name: 'K9' },
    ]);
  });

  test('a ledger row is validated like an invoice: dates in the mapping format are named when wrong', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'bad-ledger.csv');
    writeFileSync(path, 'InvoiceNo,Customer,Date,Total,Cleared\nQ-1,ACME,01/15/2024,100,01/10/2024\nQ-2,ACME,15/01/2024,100,\n');
    const report = await importFile(db, {
      kind: 'ledger', path,
      mapping: { columns: { invoice_id: 'InvoiceNo', customer_id: 'Customer', invoice_date: 'Date', amount: 'Total', paid_date: 'Cleared' }, date_format: '%m/%d/%Y' },
    });
    expect(report.status).toBe('rejected');
    expect(report.errors.map((e) => e.message)).toEqual([
      'bad-ledger.csv row 2, column paid_date: the paid date 2024-01-10 is before the invoice date 2024-01-15.',
      'bad-ledger.csv row 3, column invoice_date: "15/01/2024" is not a valid date (expected MM/DD/YYYY or YYYY-MM-DD).',
    ]);
    tmp.remove();
  });
});
