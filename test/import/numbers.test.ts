// How the importer reads amounts, rates, dates and yes/no values (the macros of queries/import_macro_*.sql).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { defineImportMacros } from '../../src/lib/server/import/validate.ts';

describe('import macros', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:');
  });
  afterAll(() => db.close());

  const read = (sql: string, params: Record<string, string | null | boolean> = {}) =>
    db.read(async (conn) => {
      await defineImportMacros(conn);
      return queryText(conn, sql, params);
    });

  test.each([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['(1,234.00)', '-1234.00'],
    ['¥1,234', '1234'],
    ['$ 12.00', '12.00'],
    ['1 234,50', '1234.50'],
    ['1,234', '1234'], // a lone separator before exactly three digits groups thousands
    ['1.234', '1234'],
    ['0.125', '0.125'], // … but not after a leading 0
    ['12,5', '12.5'],
    ['1,234,567', '1234567'],
    ['1.234.567,89', '1234567.89'],
    ['1,23,456.00', '123456.00'],
    ['-12', '-12'],
    ['12-', '-12'],
    ['USD 12.00', '12.00'],
    ['12,00 €', '12.00'],
    ['abc', null],
    ['12abc', null],
    ['1.2.3', null],
    ['(-5)', null],
    ['1e3', null],
    ['', null],
  ])('amount %j reads as %j', async (text, expected) => {
    const [row] = await read(`SELECT import_number_text($v, NULL, true) AS n`, { v: text });
    expect(row.n).toBe(expected);
  });

  test('a declared decimal mark wins over guessing', async () => {
    const [row] = await read(`SELECT import_number_text('1.234', ',', true) AS comma, import_number_text('1.234', '.', true) AS dot, import_number_text('1234.56', ',', true) AS wrong`);
    expect(row).toEqual({ comma: '1234', dot: '1.234', wrong: null });
  });

  test('for rates, a lone separator is the decimal mark', async () => {
    const [row] = await read(`SELECT import_number_text('1.085', NULL, false) AS a, import_number_text('7,1234', NULL, false) AS b`);
    expect(row).toEqual({ a: '1.085', b: '7.1234' });
  });

  test('dates: ISO always, a declared strftime format too', async () => {
    const [row] = await read(`SELECT import_date('2024-03-15', NULL) AS iso, import_date('03/15/2024', $f) AS us,
      import_date('2024-03-15', $f) AS iso_too, import_date('2024-02-30', NULL) AS bad, import_date('  ', NULL) AS empty`, { f: '%m/%d/%Y' });
    expect(row).toEqual({ iso: '2024-03-15', us: '2024-03-15', iso_too: '2024-03-15', bad: null, empty: null });
  });

  test('yes/no values', async () => {
    const [row] = await read(`SELECT list_transform(['true', 'Yes', 'y', '1', 'T', 'false', 'No', 'n', '0', '', NULL, 'maybe'], v -> import_flag(v)) AS flags`);
    expect(row.flags).toEqual([true, true, true, true, true, false, false, false, false, false, false, null]);
  });
});
