/**
 * Proof over time: the same parameters and data give the same fingerprint and the same data
 * bytes; a back-dated payment changes the fingerprint, and verify says the export no longer matches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { readZipEntry } from '../../src/lib/server/export/zip-entry.ts';
import { verifyExport } from '../../src/lib/server/export/verify.ts';
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

describe('the same data twice', () => {
  test('CSV: same fingerprint, byte-identical data file', async () => {
    const a = await exportTo(db, tmp.dir, 'a.csv', 'csv');
    const b = await exportTo(db, tmp.dir, 'b.csv', 'csv');
    expect(b.manifest.fingerprint.value).toBe(a.manifest.fingerprint.value);
    expect(readFileSync(join(tmp.dir, 'b.csv')).equals(readFileSync(join(tmp.dir, 'a.csv')))).toBe(true);
  });

  test('XLSX: same fingerprint; every part but the Manifest sheet byte-identical', async () => {
    const a = await exportTo(db, tmp.dir, 'a.xlsx', 'xlsx');
    const b = await exportTo(db, tmp.dir, 'b.xlsx', 'xlsx');
    expect(b.manifest.fingerprint.value).toBe(a.manifest.fingerprint.value);
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'docProps/core.xml', 'xl/workbook.xml']) {
      const left = readZipEntry(join(tmp.dir, 'a.xlsx'), part);
      expect(left, part).not.toBeNull();
      expect(readZipEntry(join(tmp.dir, 'b.xlsx'), part)!.equals(left!), part).toBe(true);
    }
  });

  test('every report fingerprints the same twice, and verify says each still matches', async () => {
    const requests = [
      { report: 'kpi-pack' }, { report: 'ecl' }, { report: 'statements', customerId: 'C1', from: '2024-01-01' }, { report: 'aging-detail', basis: 'invoice' },
    ];
    for (const [i, request] of requests.entries()) {
      const first = await exportTo(db, tmp.dir, `r${i}.pdf`, 'pdf', request);
      const again = await exportTo(db, tmp.dir, `r${i}.xlsx`, 'xlsx', request);
      expect(again.manifest.fingerprint.value, request.report).toBe(first.manifest.fingerprint.value);
      const pdf = await verifyExport(db, join(tmp.dir, `r${i}.pdf`));
      expect(pdf.matches, pdf.message).toBe(true);
    }
  });
});

describe('a back-dated payment', () => {
  test('changes the fingerprint, and verify says the earlier exports no longer match', async () => {
    const before = await exportTo(db, tmp.dir, 'before.csv', 'csv');
    await exportTo(db, tmp.dir, 'before.xlsx', 'xlsx');
    await exportTo(db, tmp.dir, 'before.pdf', 'pdf');
    for (const f of ['before.csv', 'before.xlsx', 'before.pdf']) {
      const v = await verifyExport(db, join(tmp.dir, f));
      expect(v.matches, v.message).toBe(true);
      expect(v.message).toContain('matches the database');
    }
    // 100 paid on I2 on 2024-03-25, entered after the exports were made.
    await db.write(async (conn) => {
      await queryText(conn, `INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method)
                             VALUES ('P9', 'C1', 'I2', DATE '2024-03-25', 100, 'transfer')`);
      await queryText(conn, `INSERT INTO settlement_queue VALUES ('I2')`);
      await refreshSettlements(conn);
    });
    const after = await exportTo(db, tmp.dir, 'after.csv', 'csv');
    expect(after.manifest.fingerprint.value).not.toBe(before.manifest.fingerprint.value);
    expect(after.manifest.control_totals.ar).toBeCloseTo(1750, 9); // 1850 − 100
    for (const f of ['before.csv', 'before.xlsx', 'before.pdf']) {
      const v = await verifyExport(db, join(tmp.dir, f));
      expect(v.matches, f).toBe(false);
      expect(v.message).toContain('no longer matches the database');
      expect(v.now.fingerprint).toBe(after.manifest.fingerprint.value);
    }
  });
});
