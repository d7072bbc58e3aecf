// Files as they come from real systems: leading zeros, BOMs, UTF-16, GBK, `;` with decimal
// commas, tabs, spreadsheets and Parquet all land as the same rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { fixture, load, rows, tempDir, workedBook } from './helpers.ts';

const INVOICE_ROWS = `SELECT invoice_id, customer_id, invoice_date, due_date, amount::VARCHAR AS amount, currency, disputed FROM invoices WHERE invoice_id NOT IN ('A', 'B', 'C', 'D') ORDER BY invoice_id`;

describe('identifiers stay text', () => {
  test('0001234 keeps its zeros and is a different customer from 1234', async () => {
    const db = await Database.open(':memory:');
    await load(db, 'customers', fixture('formats', 'customers_zeros.csv'));
    await load(db, 'invoices', fixture('formats', 'invoices_zeros.csv'));
    expect(await rows(db, `SELECT customer_id, name, currency, payment_terms_days FROM customers ORDER BY 1`)).toEqual([
      { customer_id: '0001234', name: 'Zero Padded Ltd', currency: 'USD', payment_terms_days: 45 },
      { customer_id: '1234', name: 'Unpadded Inc', currency: 'USD', payment_terms_days: 30 },
    ]);
    expect(await rows(db, `SELECT invoice_id, customer_id FROM invoices ORDER BY 1`)).toEqual([
      { invoice_id: '000987', customer_id: '0001234' },
      { invoice_id: '987', customer_id: '1234' },
    ]);
    await db.close();
  });
});

describe('encodings and delimiters', () => {
  let db: Database;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    db = await workedBook();
    tmp = tempDir();
  });
  afterEach(async () => {
    await db.close();
    tmp.remove();
  });

  test('UTF-8 with a BOM: the first column is still invoice_id', async () => {
    const r = await load(db, 'invoices', fixture('formats', 'invoices_bom.csv'));
    expect(r).toMatchObject({ rows: 2, inserted: 2, encoding: 'utf-8', delimiter: ',' });
    expect(await rows(db, INVOICE_ROWS)).toEqual([
      { invoice_id: 'B-1', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '10.00', currency: 'USD', disputed: false },
      { invoice_id: 'B-2', customer_id: 'C1', invoice_date: '2024-01-06', due_date: '2024-02-05', amount: '20.00', currency: 'USD', disputed: true },
    ]);
  });

  test.each([
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ])('UTF-16 with a BOM (%s)', async (codec, expected) => {
    const path = join(tmp.dir, `invoices_${codec}.csv`);
    const text = readFileSync(fixture('formats', 'invoices_utf16.csv'), 'utf8');
    writeFileSync(path, iconv.encode(text, codec, { addBOM: true }));
    const r = await load(db, 'invoices', path);
    expect(r).toMatchObject({ rows: 2, inserted: 2, encoding: expected });
    expect((await rows(db, INVOICE_ROWS)).map((x) => [x.invoice_id, x.amount])).toEqual([['U-1', '10.00'], ['U-2', '20.00']]);
  });

  test('GBK: detected because it is not UTF-8, read as GB18030', async () => {
    const path = join(tmp.dir, 'customers_gbk.csv');
    writeFileSync(path, iconv.encode(readFileSync(fixture('formats', 'customers_zh.csv'), 'utf8'), 'gbk'));
    const r = await load(db, 'customers', path);
    expect(r).toMatchObject({ rows: 2, inserted: 2, encoding: 'gb18030' });
    expect(await rows(db, `SELECT customer_id, name, region, currency FROM customers WHERE customer_id LIKE 'CN-%' ORDER BY 1`)).toEqual([
      { customer_id: 'CN-01', name: '上海远东贸易有限公司', region: '华东', currency: 'CNY' },
      { customer_id: 'CN-02', name: '北京星辰科技', region: '华北', currency: 'CNY' },
    ]);
  });

  test('UTF-16 without a BOM is told by its zero bytes', async () => {
    const path = join(tmp.dir, 'invoices_utf16_nobom.csv');
    writeFileSync(path, iconv.encode(readFileSync(fixture('formats', 'invoices_utf16.csv'), 'utf8'), 'utf16le'));
    expect(await load(db, 'invoices', path)).toMatchObject({ rows: 2, inserted: 2, encoding: 'utf-16le' });
  });

  test('neither UTF-8 nor GB18030: Windows-1252', async () => {
    const path = join(tmp.dir, 'customers_cp1252.csv');
    writeFileSync(path, iconv.encode('customer_id,name\nFR-1,Société Générale\n', 'windows-1252'));
    expect(await load(db, 'customers', path)).toMatchObject({ encoding: 'windows-1252', inserted: 1 });
    expect(await rows(db, `SELECT name FROM customers WHERE customer_id = 'FR-1'`)).toEqual([{ name: 'Société Générale' }]);
  });

  test('--encoding names the encoding when detection cannot', async () => {
    const path = join(tmp.dir, 'customers_latin1.csv');
    writeFileSync(path, iconv.encode('customer_id,name\nFR-1,Société Générale\n', 'latin1'));
    const r = await load(db, 'customers', path, { encoding: 'latin1' });
    expect(r.encoding).toBe('latin1');
    expect(await rows(db, `SELECT name FROM customers WHERE customer_id = 'FR-1'`)).toEqual([{ name: 'Société Générale' }]);
  });

  test('semicolons with decimal commas, headers in any case with spaces', async () => {
    const r = await load(db, 'invoices', fixture('formats', 'invoices_eu.csv'));
    expect(r).toMatchObject({ rows: 4, inserted: 4, delimiter: ';' });
    expect((await rows(db, INVOICE_ROWS)).map((x) => [x.invoice_id, x.amount, x.currency])).toEqual([
      ['EU-1', '1234.56', 'EUR'],
      ['EU-2', '12.50', 'EUR'],
      ['EU-3', '1234.50', 'EUR'],
      ['EU-4', '1000.00', 'EUR'],
    ]);
  });

  test('tab-delimited, with currency symbols and thousands separators', async () => {
    const r = await load(db, 'invoices', fixture('formats', 'invoices_tab.tsv'));
    expect(r).toMatchObject({ rows: 3, inserted: 3, delimiter: '\t' });
    expect((await rows(db, INVOICE_ROWS)).map((x) => [x.invoice_id, x.amount])).toEqual([
      ['T-1', '12.00'],
      ['T-2', '1234.00'],
      ['T-3', '1234.56'],
    ]);
  });

  test('--delimiter overrides detection', async () => {
    const path = join(tmp.dir, 'pipes.csv');
    writeFileSync(path, 'invoice_id|customer_id|invoice_date|due_date|amount\nP-1|C1|2024-01-05|2024-02-04|5.00\n');
    expect(await load(db, 'invoices', path, { delimiter: '|' })).toMatchObject({ rows: 1, inserted: 1, delimiter: '|' });
  });

  test('extra columns are ignored and reported; quoted commas and quotes survive', async () => {
    const r = await load(db, 'invoices', fixture('formats', 'invoices_extra_columns.csv'));
    expect(r).toMatchObject({ rows: 2, inserted: 2, ignored_columns: ['Notes', 'Salesperson'] });
  });

  test('a quoted value may span lines (DuckDB then reads the file in one thread)', async () => {
    const r = await load(db, 'invoices', fixture('formats', 'invoices_multiline.csv'));
    expect(r).toMatchObject({ rows: 2, inserted: 2, ignored_columns: ['Notes'] });
  });

  test('fx rates: a lone separator is a decimal mark (1.085), codes upper-cased', async () => {
    await load(db, 'fx-rates', fixture('formats', 'fx_rates.csv'));
    expect(await rows(db, `SELECT date, currency, rate_to_base::VARCHAR AS rate FROM fx_rates ORDER BY ALL`)).toEqual([
      { date: '2024-01-01', currency: 'EUR', rate: '1.08500000' },
      { date: '2024-01-01', currency: 'GBP', rate: '1.27000000' },
      { date: '2024-02-01', currency: 'EUR', rate: '1.09120000' },
    ]);
  });
});

describe('spreadsheets and Parquet', () => {
  let db: Database;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    tmp = tempDir();
  });
  beforeEach(async () => {
    db = await workedBook();
  });
  afterEach(() => db.close());
  afterAll(() => tmp.remove());

  async function workbook(path: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing to see here']);
    const ws = wb.addWorksheet('Invoices');
    ws.addRow([]); // a blank row above the header, as exports often have
    ws.addRow(['Invoice_ID', 'Customer_ID', 'Invoice_Date', 'Due_Date', 'Amount', 'Disputed']);
    ws.addRow(['000123', 'C1', new Date(Date.UTC(2024, 0, 5)), 45356, 1234.5, false]); // 45356 = 2024-03-05
    ws.addRow([]);
    ws.addRow(['X-2', 'C1', '2024-01-06', new Date(Date.UTC(2024, 1, 5)), { formula: '10*2', result: 20 }, 'yes']);
    ws.addRow(['X-3', 'C1', 45300, '2024-02-10', 0.1 + 0.2, 'no']); // 45300 = 2024-01-09; 0.30000000000000004 in binary
    await wb.xlsx.writeFile(path);
  }

  test('XLSX: --sheet picks the sheet; Date cells and serial numbers become ISO dates', async () => {
    const path = join(tmp.dir, 'invoices.xlsx');
    await workbook(path);
    const r = await load(db, 'invoices', path, { sheet: 'Invoices' });
    expect(r).toMatchObject({ format: 'xlsx', sheet: 'Invoices', rows: 3, inserted: 3 });
    expect(await rows(db, INVOICE_ROWS)).toEqual([
      { invoice_id: '000123', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-03-05', amount: '1234.50', currency: 'USD', disputed: false },
      { invoice_id: 'X-2', customer_id: 'C1', invoice_date: '2024-01-06', due_date: '2024-02-05', amount: '20.00', currency: 'USD', disputed: true },
      { invoice_id: 'X-3', customer_id: 'C1', invoice_date: '2024-01-09', due_date: '2024-02-10', amount: '0.30', currency: 'USD', disputed: false },
    ]);
  });

  test('XLSX: rows are numbered as in the sheet, and a missing sheet is named', async () => {
    const path = join(tmp.dir, 'invoices-bad.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount']);
    ws.addRow(['Y-1', 'C1', '2024-01-05', '2024-02-04', 10]);
    ws.addRow([]);
    ws.addRow(['Y-2', 'C1', '2024-01-05', '2024-02-04', 'lots']);
    await wb.xlsx.writeFile(path);
    const r = await importFile(db, { kind: 'invoices', path });
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ row: 4, column: 'amount', value: 'lots', message: 'invoices-bad.xlsx row 4, column amount: "lots" is not a number.' }]);
    await expect(importFile(db, { kind: 'invoices', path, sheet: 'Nope' })).rejects.toThrow(/no sheet "Nope" \(its sheets: "Data"\)/);
  });

  test('Parquet with the same columns: typed values become the same rows', async () => {
    const path = join(tmp.dir, 'invoices.parquet');
    await db.read((conn) => queryText(conn, `
      COPY (SELECT * FROM (VALUES
        ('0007', 'C1', DATE '2024-01-05', DATE '2024-02-04', 150.25::DECIMAL(18,2), 'USD', true),
        ('0008', 'C1', DATE '2024-01-06', DATE '2024-02-05', 99.0::DOUBLE, NULL, false)
      ) t(invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed)) TO $p (FORMAT parquet)`, { p: path }));
    const r = await load(db, 'invoices', path);
    expect(r).toMatchObject({ format: 'parquet', rows: 2, inserted: 2 });
    expect(await rows(db, INVOICE_ROWS)).toEqual([
      { invoice_id: '0007', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '150.25', currency: 'USD', disputed: true },
      { invoice_id: '0008', customer_id: 'C1', invoice_date: '2024-01-06', due_date: '2024-02-05', amount: '99.00', currency: 'USD', disputed: false },
    ]);
  });
});
