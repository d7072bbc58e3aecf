// The SQL console's limits on a small book: reads run and are capped; writes, files, ATTACH,
// COPY TO, extensions, settings, other tables and runaway statements are refused or stopped with
// a sentence that says why; and nothing the refused statements asked for happened.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { runConsoleQuery } from '../../src/lib/server/explore/sql-console.ts';
import { consoleDownload } from '../../src/lib/server/explore/sql-download.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { openBook } from '../helpers/book.ts';

describe('SQL console', () => {
  let db: Database;
  let dir: string;
  let csv: string;
  beforeAll(async () => {
    db = await openBook({
      customers: [{ customer_id: 'C1', name: '=HYPERLINK("x")' }, { customer_id: 'C2' }],
      invoices: [
        { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-01-05', amount: 1000 },
        { invoice_id: 'I2', customer_id: 'C2', invoice_date: '2024-02-01', amount: '500.25' },
        { invoice_id: 'I3', customer_id: 'C2', invoice_date: '2024-03-15', amount: 800 },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'duesight-console-'));
    csv = join(dir, 'secret.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = async (sql: string) => {
    try {
      await runConsoleQuery(db, sql, { timeLimitMs: 3000 });
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error(`not refused: ${sql}`);
  };

  test('a SELECT over the data tables runs, with types and values as DuckDB has them', async () => {
    const r = await runConsoleQuery(db, 'SELECT customer_id, count(*) AS n, sum(amount) AS total FROM invoices GROUP BY ALL ORDER BY 1');
    expect(r.columns).toEqual([
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
      { name: 'total', type: 'DECIMAL(38,2)' },
    ]);
    // C1: one invoice of 1000; C2: 500.25 + 800 = 1300.25 (decimals arrive as exact text).
    expect(r.rows).toEqual([
      ['C1', '1', '1000.00'],
      ['C2', '2', '1300.25'],
    ]);
    expect(r.truncated).toBe(false);
  });

  test('WITH … SELECT runs, and a CTE may reuse a data table name', async () => {
    const r = await runConsoleQuery(db, 'WITH invoices AS (SELECT * FROM invoices WHERE amount > 600) SELECT count(*) AS n FROM invoices');
    expect(r.rows).toEqual([['2']]); // I1 (1000) and I3 (800)
  });

  test('the row cap keeps the first rows and says the result was cut', async () => {
    const r = await runConsoleQuery(db, 'SELECT * FROM range(10) ORDER BY 1', { rowCap: 4 });
    expect(r.rows.map((row) => row[0])).toEqual(['0', '1', '2', '3']);
    expect(r.truncated).toBe(true);
  });

  test('writes are refused, and nothing is written', async () => {
    expect(await refusal("INSERT INTO customers (customer_id, name, currency) VALUES ('X', 'x', 'USD')")).toMatch(/only reads: INSERT/);
    expect(await refusal('DELETE FROM invoices')).toMatch(/only reads: DELETE/);
    expect(await refusal('DROP TABLE invoices')).toMatch(/only reads: DROP/);
    expect(await refusal('CREATE TABLE x AS SELECT 1')).toMatch(/only reads: CREATE/);
    expect(await refusal("SELECT nextval('import_id_seq')")).toMatch(/nextval advances a sequence/);
    const [count] = await db.read((conn) => queryText<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM invoices'));
    expect(count.n).toBe(3);
  });

  test('read_csv of a local file and other file readers are refused', async () => {
    expect(await refusal(`SELECT * FROM read_csv('${csv}')`)).toMatch(/read_csv reads files and is refused/);
    expect(await refusal(`SELECT * FROM read_csv_auto('${csv}')`)).toMatch(/read_csv_auto reads files/);
    expect(await refusal(`SELECT * FROM read_parquet('${csv}')`)).toMatch(/read_parquet reads files/);
    expect(await refusal(`SELECT * FROM glob('${dir}/*')`)).toMatch(/glob reads files/);
    expect(await refusal(`SELECT * FROM '${csv}'`)).toMatch(/names a file, and reading files is refused/);
    // Hidden in a subquery and a CTE: the whole tree is walked.
    expect(await refusal(`SELECT * FROM invoices WHERE invoice_id IN (SELECT a FROM read_csv('${csv}'))`)).toMatch(/read_csv reads files/);
    expect(await refusal(`WITH x AS (SELECT * FROM read_text('${csv}')) SELECT * FROM x`)).toMatch(/read_text reads files/);
    expect(await refusal("SELECT * FROM query('SELECT * FROM settings')")).toMatch(/table function query is not available/);
  });

  test('ATTACH, COPY TO, extensions, settings and several statements are refused', async () => {
    const target = join(dir, 'out.csv');
    expect(await refusal(`ATTACH '${join(dir, 'other.duckdb')}' AS other`)).toMatch(/ATTACH is refused/);
    expect(await refusal(`COPY (SELECT * FROM invoices) TO '${target}'`)).toMatch(/COPY writes files and is refused/);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'other.duckdb'))).toBe(false);
    expect(await refusal('INSTALL httpfs')).toMatch(/Extensions cannot be installed or loaded/);
    expect(await refusal('LOAD httpfs')).toMatch(/Extensions cannot be installed or loaded/);
    expect(await refusal('SET threads = 1')).toMatch(/SET is refused/);
    expect(await refusal("PRAGMA table_info('invoices')")).toMatch(/PRAGMA is refused/);
    expect(await refusal('SELECT 1; SELECT 2')).toMatch(/one statement at a time: this text holds 2/);
    expect(await refusal('SELEC 1')).toMatch(/cannot read this statement/);
  });

  test('tables other than the data tables are refused, even through a CTE', async () => {
    expect(await refusal('SELECT * FROM settings')).toMatch(/reads only the data tables .*"settings" is not one of them/);
    expect(await refusal('SELECT * FROM main.settings')).toMatch(/"main.settings" is not one of them/);
    expect(await refusal('WITH settings AS (SELECT * FROM settings) SELECT * FROM settings')).toMatch(/CTE name "settings" is the name of a table/);
  });

  test('a runaway statement is stopped at the time limit with a clear message', async () => {
    const t0 = performance.now();
    const message = await (async () => {
      try {
        await runConsoleQuery(db, 'SELECT count(*) FROM range(1000000) a, range(1000000) b, range(1000) c', { timeLimitMs: 500 });
      } catch (err) {
        return (err as Error).message;
      }
      return 'ran to the end';
    })();
    expect(message).toMatch(/ran longer than 0.5 s and was stopped/);
    expect(performance.now() - t0).toBeLessThan(5000);
    // The connection pool still answers afterwards.
    expect((await runConsoleQuery(db, 'SELECT 42 AS x')).rows).toEqual([[42]]);
  });

  test('the CSV download neutralises formula text; the Arrow download keeps numbers as numbers', async () => {
    const sql = 'SELECT c.name, i.amount::DOUBLE AS amount FROM invoices i JOIN customers c USING (customer_id) ORDER BY i.invoice_id';
    const file = await consoleDownload(db, sql, 'csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text).toBe('\uFEFFname,amount\r\n"\'=HYPERLINK(""x"")",1000\r\nCustomer C2,500.25\r\nCustomer C2,800\r\n');
    const { tableFromIPC } = await import('apache-arrow');
    const table = tableFromIPC((await consoleDownload(db, sql, 'arrow')).bytes);
    expect(table.numRows).toBe(3);
    expect(String(table.getChild('amount')!.type)).toBe('Float64');
    expect(Array.from(table.getChild('amount')!.toArray() as Float64Array)).toEqual([1000, 500.25, 800]);
  });
});
