/** The KPI pack, the ECL workpaper and a statement of account of the hand-made book, read back from CSV and XLSX. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParseRows } from 'd3-dsv';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { exportBook, exportTo, tempFolder } from './helpers.ts';

let db: Database;
const tmp = tempFolder();
beforeAll(async () => {
  db = await openBook(exportBook);
});
afterAll(async () => {
  await db?.close();
  tmp.remove();
});

/** The stacked tables of a multi-section CSV, by section name: rows as objects keyed by the section's header. */
function sections(file: string): Record<string, Record<string, string>[]> {
  const rows = csvParseRows(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const out: Record<string, Record<string, string>[]> = {};
  let header: string[] = [];
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    if (row[0] === 'section') {
      header = row;
      continue;
    }
    (out[row[0]] ??= []).push(Object.fromEntries(header.map((h, i) => [h, row[i]])));
  }
  return out;
}

test('KPI pack: each KPI with its value, formula and inputs; the aging summary adds up to AR', async () => {
  await exportTo(db, tmp.dir, 'kpi.csv', 'csv', { report: 'kpi-pack' });
  const s = sections(join(tmp.dir, 'kpi.csv'));
  expect(Object.keys(s)).toEqual(['kpis', 'trend', 'aging', 'top_overdue']);
  const kpi = Object.fromEntries(s.kpis.map((r) => [r.kpi, r]));
  expect(kpi.ar.value).toBe('1850.000000');
  // overdue = 1-30 400 + 31-60 400 + 120+ 150 = 950; overdue ratio = 950 / 1850
  expect(kpi.overdue.value).toBe('950.000000');
  expect(kpi.overdue_ratio.formula).toBe('overdue(D) / AR(D)');
  expect(kpi.overdue_ratio.inputs).toBe('overdue = 950.000000; ar = 1850.000000');
  expect(Number(kpi.overdue_ratio.value)).toBeCloseTo(950 / 1850, 6);
  const aging = Object.fromEntries(s.aging.map((r) => [r.bucket, r.amount]));
  expect(aging).toEqual({
    current: '1020.00', '1-30': '400.00', '31-60': '400.00', '61-90': '0.00', '91-120': '0.00', '120+': '150.00', unapplied: '-120.00', AR: '1850.00',
  });
  // Overdue per customer: C2 400 (1-30), C1 400 (31-60), C5 150 (120+); C2 before C1 on the tie by id.
  expect(s.top_overdue.map((r) => [r.customer_id, r.overdue])).toEqual([['C1', '400.00'], ['C2', '400.00'], ['C5', '150.00']]);
  // Month-ends from the book's first month (2023-10) to 2024-03.
  expect(s.trend.map((r) => r.date)).toEqual(['2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31']);
});

test('ECL workpaper: the provision matrix covers the gross receivables in the buckets', async () => {
  await exportTo(db, tmp.dir, 'ecl.xlsx', 'xlsx', { report: 'ecl' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(tmp.dir, 'ecl.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Manifest', 'summary', 'roll_rates', 'provision_matrix']);
  const matrix = wb.getWorksheet('provision_matrix')!;
  const total = matrix.getRow(matrix.rowCount);
  expect(total.getCell(1).value).toBe('total');
  // Gross = AR − unapplied = 1850 + 120 = 1970, a number cell.
  expect(total.getCell(2).value).toBe(1970);
  expect(matrix.getRow(2).getCell(3).numFmt).toBe('0.00%');
});

test('statement of account: every event of the period with its running balance, ending at the customer\u2019s AR', async () => {
  await exportTo(db, tmp.dir, 'c1.csv', 'csv', { report: 'statements', customerId: 'C1', from: '2024-01-01' });
  const s = sections(join(tmp.dir, 'c1.csv'));
  expect(s.customer.find((r) => r.field === 'Name')!.value).toBe('上海贸易有限公司');
  expect(s.transactions.map((r) => [r.date, r.kind, r.document, r.debit, r.credit, r.balance])).toEqual([
    ['2024-01-01', 'opening balance', '', '', '', '0.00'],
    ['2024-01-05', 'invoice', 'I1', '1000.00', '', '1000.00'],
    ['2024-02-10', 'payment', 'P1', '', '600.00', '400.00'], // 1000 − 600
    ['2024-03-15', 'invoice', 'I2', '800.00', '', '1200.00'], // 400 + 800
  ]);
  const aging = Object.fromEntries(s.aging.map((r) => [r.bucket, r.amount]));
  expect(aging.AR).toBe('1200.00');
  expect(aging.current).toBe('800.00');
  expect(aging['31-60']).toBe('400.00');
});

test('statement of account: a later period opens with the balance brought forward', async () => {
  await exportTo(db, tmp.dir, 'c1-march.csv', 'csv', { report: 'statements', customerId: 'C1', from: '2024-03-01' });
  const s = sections(join(tmp.dir, 'c1-march.csv'));
  expect(s.transactions.map((r) => [r.kind, r.balance])).toEqual([['opening balance', '400.00'], ['invoice', '1200.00']]);
});
