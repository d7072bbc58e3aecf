// --accept-valid, --dry-run and re-imports: what gets written, what gets logged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import { bookSnapshot, count, fixture, rows, tempDir, workedBook } from './helpers.ts';

describe('import modes', () => {
  let db: Database;
  beforeEach(async () => {
    db = await workedBook();
  });
  afterEach(() => db.close());

  test('--accept-valid writes the valid rows only, and reports the others', async () => {
    const report = await importFile(db, { kind: 'invoices', path: fixture('reject', 'mixed_valid.csv'), acceptValid: true });
    expect(report).toMatchObject({ status: 'imported', rows: 4, accepted: 2, rejected: 2, inserted: 2 });
    expect(report.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(await rows(db, `SELECT invoice_id FROM invoices WHERE invoice_id LIKE 'M-%' ORDER BY 1`)).toEqual([
      { invoice_id: 'M-1' },
      { invoice_id: 'M-4' },
    ]);
    expect(await rows(db, `SELECT rows, accepted, rejected, inserted, status FROM import_log ORDER BY import_id DESC LIMIT 1`)).toEqual([
      { rows: 4, accepted: 2, rejected: 2, inserted: 2, status: 'imported' },
    ]);
    expect(await rows(db, `SELECT invoice_id FROM invoice_status WHERE invoice_id LIKE 'M-%' ORDER BY 1`)).toHaveLength(2);
  });

  test('--accept-valid with no valid row is still a rejection', async () => {
    const report = await importFile(db, { kind: 'invoices', path: fixture('reject', 'invoices_unknown_customer.csv'), acceptValid: true });
    expect(report).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1, inserted: 0 });
  });

  test('--dry-run validates and reports, and writes nothing, not even the log', async () => {
    const before = await bookSnapshot(db);
    const logged = await count(db, 'import_log');
    const good = await importFile(db, { kind: 'payments', path: fixture('worked', 'payments.csv'), dryRun: true });
    expect(good).toMatchObject({ status: 'unchanged', dry_run: true, rows: 2, accepted: 2, rejected: 0, inserted: 0, import_id: null });
    const bad = await importFile(db, { kind: 'invoices', path: fixture('reject', 'mixed_valid.csv'), dryRun: true });
    expect(bad).toMatchObject({ status: 'rejected', dry_run: true, rows: 4, accepted: 2, rejected: 2, inserted: 0 });
    expect(bad.errors).toHaveLength(2);
    const partial = await importFile(db, { kind: 'invoices', path: fixture('reject', 'mixed_valid.csv'), dryRun: true, acceptValid: true });
    expect(partial).toMatchObject({ status: 'unchanged', accepted: 2, rejected: 2, inserted: 0 });
    expect(await bookSnapshot(db)).toBe(before);
    expect(await count(db, 'import_log')).toBe(logged);
  });

  test('importing the same files again changes nothing: 0 inserted, counts unchanged', async () => {
    await importFile(db, { kind: 'payments', path: fixture('worked', 'payments.csv') });
    await importFile(db, { kind: 'adjustments', path: fixture('worked', 'adjustments.csv') });
    const before = await bookSnapshot(db);
    for (const kind of ['customers', 'invoices', 'payments', 'adjustments'] as const) {
      const again = await importFile(db, { kind, path: fixture('worked', `${kind}.csv`) });
      expect(again, kind).toMatchObject({ status: 'unchanged', rejected: 0, inserted: 0 });
    }
    expect(await bookSnapshot(db)).toBe(before);
    expect(await rows(db, `SELECT status, inserted FROM import_log ORDER BY import_id DESC LIMIT 4`)).toEqual(
      Array(4).fill({ status: 'unchanged', inserted: 0 }),
    );
  });

  test('a payment larger than what is open is kept as it is (a credit), never clamped', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'overpay.csv');
    writeFileSync(path, 'payment_id,customer_id,invoice_id,payment_date,amount\nOV-1,C1,B,2024-03-10,750.00\nOV-2,C1,,2024-03-11,25.00\n');
    expect(await importFile(db, { kind: 'payments', path })).toMatchObject({ status: 'imported', inserted: 2 });
    expect(await rows(db, `SELECT payment_id, invoice_id, amount::VARCHAR AS amount FROM payments ORDER BY 1`)).toEqual([
      { payment_id: 'OV-1', invoice_id: 'B', amount: '750.00' },
      { payment_id: 'OV-2', invoice_id: null, amount: '25.00' },
    ]);
    expect(await rows(db, `SELECT settle_date, overpaid_date FROM invoice_status WHERE invoice_id = 'B'`)).toEqual([
      { settle_date: '2024-03-10', overpaid_date: '2024-03-10' },
    ]);
    tmp.remove();
  });

  test('a file that cannot be read is an error naming it, and nothing is logged', async () => {
    const logged = await count(db, 'import_log');
    await expect(importFile(db, { kind: 'invoices', path: fixture('nope.csv') })).rejects.toThrow(/The file .*nope\.csv does not exist\./);
    await expect(importFile(db, { kind: 'invoices', path: fixture('worked', 'invoices.csv'), mapping: fixture('nope.json') }))
      .rejects.toThrow(/The mapping file .*nope\.json does not exist\./);
    await expect(importFile(db, { kind: 'invoices', path: fixture('reject', 'invoices_open_quote.csv') }))
      .rejects.toThrow('invoices_open_quote.csv cannot be read as CSV with the delimiter ",": its rows do not hold together (a quote left open, or another delimiter?).');
    expect(await count(db, 'import_log')).toBe(logged);
  });
});
