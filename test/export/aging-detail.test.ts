/**
 * The aging detail export of the hand-made book (helpers.ts), opened with independent readers:
 * a CSV parser (d3-dsv), exceljs reading the workbook back, and pdftotext for the PDF.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParseRows } from 'd3-dsv';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { auditEntries } from '../../src/lib/server/audit.ts';
import type { Manifest } from '../../src/lib/server/export/manifest.ts';
import { AS_OF, CHINESE_NAME, FORMULA_NAME, exportBook, exportTo, tempFolder } from './helpers.ts';

let db: Database;
const tmp = tempFolder();
beforeAll(async () => {
  db = await openBook(exportBook);
});
afterAll(async () => {
  await db?.close();
  tmp.remove();
});

/** The lines expected, worked out by hand (see helpers.ts): customer, line, document, bucket, open_base. */
const EXPECTED = [
  ['C1', 'invoice', 'I1', '31-60', '400.00'],
  ['C1', 'invoice', 'I2', 'current', '800.00'],
  ['C1', 'subtotal', '', '', '1200.00'], // 400 + 800
  ['C2', 'invoice', 'I3', '1-30', '400.00'], // 500 − credit note 100
  ['C2', 'subtotal', '', '', '400.00'],
  ['C3', 'invoice', 'I4', 'current', '220.00'], // 200 EUR × 1.1
  ['C3', 'subtotal', '', '', '220.00'],
  ['C4', 'credit', 'I5', 'unapplied', '-50.00'], // 300 − 350
  ['C4', 'subtotal', '', '', '-50.00'],
  ['C5', 'invoice', 'I6', '120+', '150.00'],
  ['C5', 'unapplied cash', 'P3', 'unapplied', '-70.00'],
  ['C5', 'subtotal', '', '', '80.00'], // 150 − 70
  ['', 'total', '', '', '1850.00'], // 1200 + 400 + 220 − 50 + 80
];

describe('CSV', () => {
  let text: string;
  let manifest: Manifest;
  let rows: string[][];
  beforeAll(async () => {
    ({ manifest } = await exportTo(db, tmp.dir, 'aging.csv', 'csv'));
    text = readFileSync(join(tmp.dir, 'aging.csv'), 'utf8');
    rows = csvParseRows(text.replace(/^\uFEFF/, ''));
  });

  test('is UTF-8 with a byte-order mark, one header row and the lines in customer, kind, document order', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const header = rows[0];
    expect(header).toEqual(['customer_id', 'customer_name', 'line', 'document', 'document_date', 'due_date', 'days_past_due', 'bucket', 'currency', 'open_amount', 'fx_rate', 'open_base']);
    const col = (name: string) => header.indexOf(name);
    const got = rows.slice(1).map((r) => [r[col('customer_id')], r[col('line')], r[col('document')], r[col('bucket')], r[col('open_base')]]);
    expect(got).toEqual(EXPECTED);
  });

  test('the grand total equals the KPI engine\u2019s AR, and the manifest records it', async () => {
    const kpis = await portfolioKpis(db, { asOf: AS_OF });
    expect(kpis.ar).toBeCloseTo(1850, 9);
    expect(Number(rows[rows.length - 1][11])).toBeCloseTo(kpis.ar, 2);
    expect(manifest.control_totals.ar).toBeCloseTo(1850, 9);
    // current 800 + 220; unapplied −50 − 70.
    expect(manifest.control_totals['bucket current']).toBeCloseTo(1020, 9);
    expect(manifest.control_totals.unapplied).toBeCloseTo(-120, 9);
  });

  test('keeps the EUR line in its currency with the rate of the as-of date', () => {
    const i4 = rows.find((r) => r[3] === 'I4')!;
    expect([i4[8], i4[9], i4[10], i4[11]]).toEqual(['EUR', '200.00', '1.10000000', '220.00']);
  });

  test('neutralises names a spreadsheet would run as formulas; negative amounts stay numbers', () => {
    const names = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[1]]));
    expect(names.C1).toBe(CHINESE_NAME);
    expect(names.C2).toBe(`'${FORMULA_NAME}`);
    expect(names.C3).toBe("'+1");
    expect(names.C4).toBe("'-2");
    expect(names.C5).toBe("'@x");
    expect(rows.find((r) => r[3] === 'I5')![11]).toBe('-50.00');
  });

  test('writes a manifest beside it with every field an auditor needs', () => {
    const onDisk = JSON.parse(readFileSync(join(tmp.dir, 'aging.manifest.json'), 'utf8')) as Manifest;
    expect(onDisk).toEqual(manifest);
    expect(onDisk.report).toBe('aging-detail');
    expect(onDisk.report_version).toBe(1);
    expect(onDisk.as_of).toBe(AS_OF);
    expect(onDisk.parameters).toEqual({ report: 'aging-detail', as_of: AS_OF, filter: {}, buckets: [30, 60, 90, 120], basis: 'due' });
    expect(onDisk.bucket_edges).toEqual([30, 60, 90, 120]);
    expect(onDisk.base_currency).toBe('USD');
    expect(onDisk.fx_source.rates).toEqual([{ currency: 'EUR', rate: '1.10000000', rate_date: '2024-03-01' }]);
    expect(onDisk.max_import_id).toBeNull(); // the test book was written without the import log
    expect(onDisk.row_counts).toEqual({ detail: 13 }); // 7 lines, 5 subtotals, 1 total
    expect(onDisk.app_version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(onDisk.duckdb_version).toMatch(/^v\d+\.\d+/);
    expect(onDisk.generated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(onDisk.generated_by).toBe('cli:tester');
    expect(onDisk.fingerprint.algorithm).toBe('sha256');
    expect(onDisk.fingerprint.value).toMatch(/^[0-9a-f]{64}$/);
  });

  test('is recorded in the audit log with who, what, parameters and fingerprint', async () => {
    const entries = await db.read((conn) => auditEntries(conn));
    const entry = entries.find((e) => e.action === 'export' && JSON.parse(e.params).fingerprint === manifest.fingerprint.value);
    expect(entry).toBeDefined();
    expect(entry!.actor).toBe('cli:tester');
    expect(entry!.outcome).toBe('ok');
    expect(JSON.parse(entry!.params)).toMatchObject({ report: 'aging-detail', as_of: AS_OF, format: 'csv' });
  });
});

describe('XLSX, read back with exceljs', () => {
  let wb: ExcelJS.Workbook;
  let manifest: Manifest;
  beforeAll(async () => {
    ({ manifest } = await exportTo(db, tmp.dir, 'aging.xlsx', 'xlsx'));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'aging.xlsx'));
  });

  test('has a Manifest sheet first, then one sheet per section, headers frozen', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Manifest', 'detail']);
    const detail = wb.getWorksheet('detail')!;
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(detail.getRow(1).getCell(1).value).toBe('Customer');
  });

  test('amounts and totals are numbers with number formats; dates are dates', () => {
    const detail = wb.getWorksheet('detail')!;
    const last = detail.getRow(detail.rowCount);
    expect(last.getCell(3).value).toBe('total');
    expect(last.getCell(12).value).toBe(1850);
    expect(last.getCell(12).numFmt).toBe('#,##0.00');
    expect(last.getCell(12).font?.bold).toBe(true);
    const i1 = detail.getRow(2);
    expect(i1.getCell(4).value).toBe('I1');
    expect(i1.getCell(5).value).toEqual(new Date('2024-01-05T00:00:00Z'));
    expect(i1.getCell(7).value).toBe(56); // 2024-03-31 − 2024-02-04
    expect(i1.getCell(12).value).toBe(400);
  });

  test('neutralises formula-like names (as text cells, never formulas)', () => {
    const detail = wb.getWorksheet('detail')!;
    const names: unknown[] = [];
    detail.eachRow((row) => names.push(row.getCell(2).value));
    expect(names).toContain(`'${FORMULA_NAME}`);
    expect(names).toContain("'+1");
    expect(names).toContain("'-2");
    expect(names).toContain("'@x");
    expect(names).toContain(CHINESE_NAME);
    detail.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  test('the Manifest sheet holds the manifest, fingerprint included', () => {
    const sheet = wb.getWorksheet('Manifest')!;
    const fields = new Map<string, unknown>();
    sheet.eachRow((row) => fields.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(fields.get('As of')).toBe(AS_OF);
    expect(fields.get('Fingerprint')).toBe(`sha256 ${manifest.fingerprint.value}`);
    expect(JSON.parse(String(fields.get('manifest_json')))).toEqual(manifest);
  });
});

describe('PDF, read back with pdftotext', () => {
  let text: string;
  let manifest: Manifest;
  beforeAll(async () => {
    ({ manifest } = await exportTo(db, tmp.dir, 'aging.pdf', 'pdf'));
    text = execFileSync('pdftotext', ['-layout', join(tmp.dir, 'aging.pdf'), '-'], { encoding: 'utf8' });
  });

  test('shows the Chinese customer name, the title and the grand total', () => {
    expect(text).toContain(CHINESE_NAME);
    expect(text).toContain('Aging detail');
    expect(text).toMatch(/total\s+1,850\.00/);
  });

  test('has a cover page with the manifest and numbered pages', () => {
    expect(text).toContain('Manifest');
    expect(text).toContain(manifest.fingerprint.value);
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
  });
});
