// Every kind of invalid row rejects its file whole: nothing is written, the row and column are
// named in a sentence a clerk understands, and the rejection is logged.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import type { ImportKind } from '../../src/lib/types.ts';
import { bookSnapshot, fixture, rows, workedBook } from './helpers.ts';

interface Case {
  kind: ImportKind;
  file: string;
  row: number;
  column: string;
  value: string | null;
  message: RegExp;
  rows: number;
  rejected: number;
}

const CASES: Case[] = [
  { kind: 'invoices', file: 'invoices_no_amount.csv', row: 1, column: 'amount', value: null, rows: 2, rejected: 2,
    message: /^invoices_no_amount\.csv row 1: there is no amount column, which every invoices file needs \(its columns: "invoice_id", "customer_id", "invoice_date", "due_date"\)\.$/ },
  { kind: 'invoices', file: 'invoices_empty_customer.csv', row: 3, column: 'customer_id', value: null, rows: 2, rejected: 1,
    message: /^invoices_empty_customer\.csv row 3, column customer_id: the value is empty, but every invoice needs a customer id\.$/ },
  { kind: 'invoices', file: 'invoices_amount_text.csv', row: 2, column: 'amount', value: 'ten dollars', rows: 2, rejected: 1,
    message: /row 2, column amount: "ten dollars" is not a number\.$/ },
  { kind: 'invoices', file: 'invoices_amount_negative.csv', row: 3, column: 'amount', value: '(1,234.00)', rows: 2, rejected: 1,
    message: /row 3, column amount: "\(1,234\.00\)" is negative, and an invoice amount must be greater than 0\.$/ },
  { kind: 'invoices', file: 'invoices_amount_zero.csv', row: 2, column: 'amount', value: '0', rows: 1, rejected: 1,
    message: /"0" is zero, and an invoice amount must be greater than 0\./ },
  { kind: 'invoices', file: 'invoices_amount_subcent.csv', row: 2, column: 'amount', value: '1,210.505', rows: 1, rejected: 1,
    message: /"1,210\.505" has fractions of a cent; an invoice amount is kept to the cent\.$/ },
  { kind: 'invoices', file: 'invoices_bad_date.csv', row: 2, column: 'invoice_date', value: '2024-02-30', rows: 1, rejected: 1,
    message: /row 2, column invoice_date: "2024-02-30" is not a valid date \(expected YYYY-MM-DD\)\.$/ },
  { kind: 'invoices', file: 'invoices_due_before.csv', row: 3, column: 'due_date', value: '2024-03-01', rows: 2, rejected: 1,
    message: /row 3, column due_date: the due date 2024-03-01 is before the invoice date 2024-03-05\.$/ },
  { kind: 'invoices', file: 'invoices_unknown_customer.csv', row: 2, column: 'customer_id', value: 'C9', rows: 1, rejected: 1,
    message: /customer "C9" is not in the database; import the customers file first\.$/ },
  { kind: 'invoices', file: 'invoices_duplicate.csv', row: 4, column: 'invoice_id', value: 'DU-1', rows: 3, rejected: 1,
    message: /row 4, column invoice_id: invoice "DU-1" appears again \(first on row 2\); each invoice must appear once\.$/ },
  { kind: 'invoices', file: 'invoices_conflict.csv', row: 2, column: 'invoice_id', value: 'A', rows: 1, rejected: 1,
    message: /invoice "A" is already in the database with different values \(amount 1000\.00 there, 1200\.00 here\)/ },
  { kind: 'invoices', file: 'invoices_bad_currency.csv', row: 2, column: 'currency', value: 'US', rows: 1, rejected: 1,
    message: /"US" is not a 3-letter currency code/ },
  { kind: 'invoices', file: 'invoices_bad_disputed.csv', row: 2, column: 'disputed', value: 'maybe', rows: 1, rejected: 1,
    message: /"maybe" is not a yes\/no value \(use true\/false, yes\/no, y\/n or 1\/0\)\.$/ },
  { kind: 'invoices', file: 'invoices_unquoted_comma.csv', row: 2, column: '6', value: '000.00', rows: 2, rejected: 1,
    message: /row 2, column 6: the row has more values than the header has columns; a value holding the delimiter \(such as 1,234\.00\) must be in quotes\.$/ },
  { kind: 'payments', file: 'payments_unknown_invoice.csv', row: 2, column: 'invoice_id', value: 'NOPE', rows: 1, rejected: 1,
    message: /invoice "NOPE" is not in the database; import the invoices file first/ },
  { kind: 'payments', file: 'payments_before_invoice.csv', row: 2, column: 'payment_date', value: '2024-03-01', rows: 1, rejected: 1,
    message: /the payment date 2024-03-01 is before the date 2024-03-15 of invoice "C"\.$/ },
  { kind: 'payments', file: 'payments_other_customer.csv', row: 2, column: 'customer_id', value: 'C2', rows: 1, rejected: 1,
    message: /invoice "A" belongs to customer "C1", not to "C2"\.$/ },
  { kind: 'payments', file: 'payments_negative.csv', row: 2, column: 'amount', value: '-5.00', rows: 1, rejected: 1,
    message: /"-5\.00" is negative, and a payment amount must be greater than 0\.$/ },
  { kind: 'adjustments', file: 'adjustments_bad_kind.csv', row: 2, column: 'kind', value: 'refund', rows: 1, rejected: 1,
    message: /"refund" is not a kind of adjustment \(use credit_note, write_off or discount\)\.$/ },
  { kind: 'adjustments', file: 'adjustments_before_invoice.csv', row: 2, column: 'date', value: '2024-03-01', rows: 1, rejected: 1,
    message: /the adjustment date 2024-03-01 is before the date 2024-03-15 of invoice "C"\.$/ },
  { kind: 'adjustments', file: 'adjustments_unknown_invoice.csv', row: 2, column: 'invoice_id', value: 'NOPE', rows: 1, rejected: 1,
    message: /invoice "NOPE" is not in the database/ },
  { kind: 'fx-rates', file: 'fx_rates_bad.csv', row: 3, column: 'rate_to_base', value: '0', rows: 3, rejected: 2,
    message: /row 3, column rate_to_base: "0" is not greater than 0, and a rate must be\.$/ },
  { kind: 'fx-rates', file: 'fx_rates_bad.csv', row: 4, column: 'currency', value: 'EURO', rows: 3, rejected: 2,
    message: /row 4, column currency: "EURO" is not a 3-letter currency code/ },
  { kind: 'fx-rates', file: 'fx_rates_duplicate.csv', row: 3, column: 'currency', value: 'EUR', rows: 2, rejected: 1,
    message: /the rate of EUR on 2024-01-01 appears again \(first on row 2\)/ },
  { kind: 'customers', file: 'customers_bad_terms.csv', row: 3, column: 'payment_terms_days', value: 'thirty', rows: 3, rejected: 2,
    message: /"thirty" is not a whole number of days of 0 or more\.$/ },
  { kind: 'customers', file: 'customers_bad_terms.csv', row: 4, column: 'credit_limit', value: '-5', rows: 3, rejected: 2,
    message: /"-5" is negative, and a credit limit cannot be\.$/ },
];

describe('a file with an invalid row is rejected whole', () => {
  let db: Database;
  beforeEach(async () => {
    db = await workedBook(false, fixture('reject', 'base_customers.csv'));
  });
  afterEach(() => db.close());

  test.each(CASES)('$kind $file: row $row, column $column', async (c) => {
    const before = await bookSnapshot(db);
    const [{ n: logged }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM import_log');
    const report = await importFile(db, { kind: c.kind, path: fixture('reject', c.file) });
    expect(report).toMatchObject({ status: 'rejected', rows: c.rows, rejected: c.rejected, accepted: c.rows - c.rejected, inserted: 0 });
    const error = report.errors.find((e) => e.row === c.row && e.column === c.column);
    expect(error, JSON.stringify(report.errors)).toBeDefined();
    expect(error!.value).toBe(c.value);
    expect(error!.message).toMatch(c.message);
    expect(error!.message.startsWith(c.file)).toBe(true);
    expect(await bookSnapshot(db)).toBe(before);
    const log = await rows(db, `SELECT kind, file_name, rows, rejected, inserted, status FROM import_log ORDER BY import_id DESC LIMIT 1`);
    expect(log).toEqual([{ kind: c.kind, file_name: c.file, rows: c.rows, rejected: c.rejected, inserted: 0, status: 'rejected' }]);
    expect((await rows(db, 'SELECT count(*)::INTEGER AS n FROM import_log'))[0]).toEqual({ n: logged + 1 });
  });

  test('every rejected row is listed, each problem of a row on its own', async () => {
    const report = await importFile(db, { kind: 'invoices', path: fixture('reject', 'mixed_valid.csv') });
    expect(report).toMatchObject({ status: 'rejected', rows: 4, accepted: 2, rejected: 2 });
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, 'customer_id', 'C9'],
      [4, 'amount', 'abc'],
    ]);
  });

  test('a mapping column the file lacks is an error naming both', async () => {
    const report = await importFile(db, {
      kind: 'ledger', path: fixture('ledger', 'ledger_us.csv'), mapping: fixture('ledger', 'ledger_wrong_column.map.json'),
    });
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([{
      row: 1, column: 'ClearedOn', value: null,
      message: expect.stringMatching(/^The mapping ledger_wrong_column\.map\.json reads paid_date from column "ClearedOn", but ledger_us\.csv has no such column \(its columns: "InvoiceNo", .*\)\.$/),
    }]);
  });
});
