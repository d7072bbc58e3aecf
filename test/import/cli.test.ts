// `duesight import` as scripts run it: a child process, JSON alone on stdout, the exit status,
// and a kill -9 in the middle of an import that leaves the database as it was.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { bookState as state, ended, runCli, startCli, writeLargeBook } from '../helpers/import-process.ts';
import { fixture, tempDir } from './helpers.ts';

/** Child processes keep their temp files in the test's folder: a killed one cannot clean up. */
let childTmp = '';

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, childTmp, env);

describe('duesight import on the command line', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
    childTmp = tmp.dir;
  });
  afterAll(() => tmp.remove());

  test('--json prints the report alone on stdout; exit 0 when imported, 1 when rejected', () => {
    const db = join(tmp.dir, 'json.duckdb');
    const ok = cli(['import', 'customers', fixture('worked', 'customers.csv'), '--db', db, '--json']);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(report).toMatchObject({ kind: 'customers', rows: 1, accepted: 1, rejected: 0, errors: [], status: 'imported' });
    expect(Object.keys(report).slice(0, 6)).toEqual(['kind', 'file', 'rows', 'accepted', 'rejected', 'errors']);

    const bad = cli(['import', 'invoices', fixture('reject', 'mixed_valid.csv'), '--db', db, '--json']);
    expect(bad.status).toBe(1);
    const rejected = JSON.parse(bad.stdout);
    expect(rejected).toMatchObject({ status: 'rejected', rows: 4, accepted: 2, rejected: 2 });
    expect(rejected.errors).toEqual([
      { row: 3, column: 'customer_id', value: 'C9', message: 'mixed_valid.csv row 3, column customer_id: customer "C9" is not in the database; import the customers file first.' },
      { row: 4, column: 'amount', value: 'abc', message: 'mixed_valid.csv row 4, column amount: "abc" is not a number.' },
    ]);
  });

  test('without --json: a summary and the errors on stderr, nothing on stdout', () => {
    const db = join(tmp.dir, 'human.duckdb');
    expect(cli(['import', 'customers', fixture('worked', 'customers.csv'), '--db', db]).status).toBe(0);
    const bad = cli(['import', 'invoices', fixture('reject', 'mixed_valid.csv'), '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Rejected .*mixed_valid\.csv: 4 rows, 2 valid, 2 rejected; nothing was written \(import #2\)\. Correct the rows below, or use --accept-valid to import the 2 valid rows\.$/m);
    expect(bad.stderr).toContain('  mixed_valid.csv row 4, column amount: "abc" is not a number.');
    const partial = cli(['import', 'invoices', fixture('reject', 'mixed_valid.csv'), '--db', db, '--accept-valid']);
    expect(partial.status).toBe(0);
    expect(partial.stderr).toMatch(/^Imported .*: 4 rows, 2 valid, 2 rejected; wrote 2 invoices \(import #3\)\./m);
    const dry = cli(['import', 'invoices', fixture('worked', 'invoices.csv'), '--db', db, '--dry-run']);
    expect(dry).toMatchObject({ status: 0, stdout: '' });
    expect(dry.stderr).toMatch(/Dry run of .*invoices\.csv: 4 rows, 4 valid, 0 rejected; the file would be accepted\. Nothing was written\./);
  });

  test('a file that cannot be read: one sentence on stderr, exit 1, empty stdout even with --json', () => {
    const db = join(tmp.dir, 'missing.duckdb');
    const r = cli(['import', 'invoices', join(tmp.dir, 'nope.csv'), '--db', db, '--json']);
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toMatch(/^duesight import: The file .*nope\.csv does not exist\.\n$/);
    const kind = cli(['import', 'receipts', fixture('worked', 'invoices.csv'), '--db', db]);
    expect(kind.status).toBe(1);
    expect(kind.stderr).toMatch(/"receipts" is not a kind of import file; use one of customers, invoices, payments, adjustments, fx-rates, ledger\./);
  });

  test('ledger with --mapping', () => {
    const db = join(tmp.dir, 'ledger.duckdb');
    const r = cli(['import', 'ledger', fixture('ledger', 'ledger_partial.csv'), '--mapping', fixture('ledger', 'ledger_partial.map.json'), '--db', db, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'imported', rows: 4, inserted_by_table: { customers: 2, invoices: 4, payments: 2 } });
  });

  describe('killed with -9 in the middle of an import', () => {
    const ROWS = 200_000;
    let db: string;
    let invoices: string;
    beforeAll(async () => {
      db = join(tmp.dir, 'crash.duckdb');
      const { customers, invoices: file } = await writeLargeBook(tmp.dir, ROWS);
      invoices = file;
      expect(cli(['import', 'customers', customers, '--db', db]).status).toBe(0);
    });

    test('just before commit: the database holds exactly what it held, and the import then runs', async () => {
      const before = await state(db);
      const child = startCli(['import', 'invoices', invoices, '--db', db, '--json'], childTmp, { DUESIGHT_TEST_PAUSE_BEFORE_COMMIT: '60000' });
      let stderr = '';
      const paused = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('test pause before commit')) resolve();
        });
        child.on('exit', () => reject(new Error(`the import ended before pausing: ${stderr}`)));
      });
      await paused;
      child.kill('SIGKILL');
      expect(await ended(child)).toBe('SIGKILL');

      expect(await state(db)).toEqual(before);
      const again = cli(['import', 'invoices', invoices, '--db', db, '--json']);
      expect(again.status).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ status: 'imported', rows: ROWS, inserted: ROWS });
      const after = await state(db);
      expect(after.log).toBe(before.log + 1);
    });

    test('at an arbitrary moment: the file is in whole or not at all', async () => {
      const db2 = join(tmp.dir, 'crash2.duckdb');
      expect(cli(['import', 'customers', join(tmp.dir, 'big-customers.csv'), '--db', db2]).status).toBe(0);
      const before = await state(db2);
      const child = startCli(['import', 'invoices', invoices, '--db', db2], childTmp);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill('SIGKILL');
      await ended(child);
      const mid = await Database.open(db2);
      const [{ n }] = await mid.read((c) => queryText<{ n: number }>(c, 'SELECT count(*)::INTEGER AS n FROM invoices'));
      await mid.close();
      expect([0, ROWS]).toContain(n);
      if (n === 0) expect(await state(db2)).toEqual(before);
    });
  });
});
