// Import throughput: `importFile` of a canonical invoices CSV into a fresh database file, against
// DuckDB's own `CREATE TABLE t AS SELECT * FROM read_csv(file)` of the same file (target: at
// least half its rate). Size: DUESIGHT_BENCH_IMPORT_ROWS (default 1,000,000 invoices; 10,000 customers).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '../src/lib/server/db.ts';
import { importFile } from '../src/lib/server/import/index.ts';
import { queryText } from '../src/lib/server/sql.ts';
import { fmt } from './timing.ts';

async function writeFiles(dir: string, invoices: number, customers: number): Promise<{ customersCsv: string; invoicesCsv: string }> {
  const customersCsv = join(dir, 'customers.csv');
  const invoicesCsv = join(dir, 'invoices.csv');
  const db = await Database.open(':memory:');
  await db.read(async (conn) => {
    await queryText(conn, `COPY (SELECT printf('C%06d', i) AS customer_id, 'Customer ' || i AS name, 'USD' AS currency,
        30 AS payment_terms_days FROM range($n) t(i)) TO $p (HEADER)`, { p: customersCsv, n: customers });
    await queryText(conn, `COPY (SELECT printf('INV%09d', i) AS invoice_id, printf('C%06d', (i * 7919) % $c) AS customer_id,
        DATE '2022-01-01' + (i % 900)::INT AS invoice_date, DATE '2022-01-31' + (i % 900)::INT AS due_date,
        (1 + (i * 104729) % 1000000 / 100)::DECIMAL(18,2) AS amount, 'USD' AS currency,
        CASE WHEN i % 40 = 0 THEN 'true' ELSE 'false' END AS disputed
        FROM range($n) t(i)) TO $p (HEADER)`, { p: invoicesCsv, n: invoices, c: customers });
  });
  await db.close();
  return { customersCsv, invoicesCsv };
}

/** DuckDB alone: a fresh database file, one CREATE TABLE AS over read_csv (types sniffed), committed. */
async function plainReadCsv(dir: string, csv: string, run: number): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, `plain-${run}.duckdb`));
  const conn = await instance.connect();
  const t0 = performance.now();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv($p)`, { p: csv });
  const seconds = (performance.now() - t0) / 1000;
  conn.closeSync();
  instance.closeSync();
  return seconds;
}

/**
 * DuckDB alone into a table with the invoices' declared key and checks (the floor any import that
 * keeps the schema's primary key pays): one INSERT over read_csv in one transaction, committed.
 */
async function keyedReadCsv(dir: string, csv: string, run: number): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, `keyed-${run}.duckdb`));
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE t (invoice_id VARCHAR PRIMARY KEY, customer_id VARCHAR NOT NULL, invoice_date DATE NOT NULL,
    due_date DATE NOT NULL, amount DECIMAL(18,2) NOT NULL CHECK (amount > 0), currency VARCHAR NOT NULL, disputed BOOLEAN NOT NULL,
    CHECK (due_date >= invoice_date))`);
  const t0 = performance.now();
  await conn.run('BEGIN TRANSACTION');
  await conn.run(`INSERT INTO t SELECT * FROM read_csv($p)`, { p: csv });
  await conn.run('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  conn.closeSync();
  instance.closeSync();
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function importBench(log: (line: string) => void): Promise<void> {
  const invoices = Number(process.env.DUESIGHT_BENCH_IMPORT_ROWS ?? 1_000_000);
  const customers = Math.max(10, Math.round(invoices / 100));
  const dir = mkdtempSync(join(tmpdir(), 'duesight-import-bench-'));
  try {
    const t0 = performance.now();
    const { customersCsv, invoicesCsv } = await writeFiles(dir, invoices, customers);
    const mb = statSync(invoicesCsv).size / 1e6;
    log(`generated ${invoices.toLocaleString('en-US')} invoices (${mb.toFixed(0)} MB) and ${customers.toLocaleString('en-US')} customers in ${fmt((performance.now() - t0) / 1000)}`);

    const plain: number[] = [];
    const keyed: number[] = [];
    for (let run = 0; run < 3; run++) {
      plain.push(await plainReadCsv(dir, invoicesCsv, run));
      keyed.push(await keyedReadCsv(dir, invoicesCsv, run));
    }
    const reference = median(plain);
    const keyedFloor = median(keyed);

    const db = await Database.open(join(dir, 'duesight.duckdb'));
    await importFile(db, { kind: 'customers', path: customersCsv });
    const stages: [string, number][] = [];
    const started = performance.now();
    const report = await importFile(db, {
      kind: 'invoices',
      path: invoicesCsv,
      onProgress: (_done, _total, stage) => {
        if (stages.at(-1)?.[0] !== stage) stages.push([stage, performance.now()]);
      },
    });
    const ours = (performance.now() - started) / 1000;
    await db.close();
    if (report.status !== 'imported' || report.inserted !== invoices) throw new Error(`the import did not go in: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`);

    const split = stages.map(([stage, at], i) => `${stage} ${fmt(((stages[i + 1]?.[1] ?? started + ours * 1000) - at) / 1000)}`).join(', ');
    const rate = (s: number) => `${Math.round(invoices / s).toLocaleString('en-US')} rows/s`;
    log(`DuckDB read_csv → CREATE TABLE (median of 3): ${fmt(reference)} = ${rate(reference)}`);
    log(`DuckDB read_csv → INSERT into a table with the same primary key and checks (median of 3): ${fmt(keyedFloor)} = ${rate(keyedFloor)}`);
    log(`duesight importFile (validated, keyed, logged): ${fmt(ours)} = ${rate(ours)}`);
    log(`  stages: ${split}`);
    log(`ratio: ${(reference / ours).toFixed(2)} of DuckDB's read_csv rate (target ≥ 0.5); the keyed insert alone is ${(reference / keyedFloor).toFixed(2)}`);
    log(`ratio: ${(keyedFloor / ours).toFixed(2)} of DuckDB's keyed-insert rate`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
