// Export speed on a large book: the aging detail (the default report) of a 1,000,000-invoice
// demo book written as CSV and as XLSX, each in a child process so that its peak memory is its
// own. Targets: under 30 s each, peak memory under 1 GB (streamed, never held whole).
// Book size: DUESIGHT_BENCH_EXPORT_INVOICES (default 1,000,000; 10,000 customers), cached in data/bench/.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../src/lib/server/db.ts';
import { bookBounds } from '../src/lib/server/book.ts';
import { writerFor } from '../src/lib/server/export/files.ts';
import { reportParameters } from '../src/lib/server/export/parameters.ts';
import type { ExportFormat } from '../src/lib/server/export/report.ts';
import { runReport } from '../src/lib/server/export/run-report.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { refreshSettlements } from '../src/lib/server/settlements.ts';
import { fmt, peakRssMb } from './timing.ts';

const CHILD = 'DUESIGHT_EXPORT_BENCH_FORMAT';
/** DuckDB's memory limit in the export process: the sort of a million lines fits well inside it. */
const MEMORY_LIMIT = '512MB';

interface ChildResult {
  seconds: number;
  /** CPU seconds of the process (all threads): on a shared machine, wall time can be several times this. */
  cpu: number;
  peak_mb: number;
  rows: number;
  bytes: number;
}

/** In the child: one export of the aging detail as of the book's last date. */
async function exportOnce(path: string, format: ExportFormat): Promise<ChildResult> {
  const db = await Database.open(path, { readOnly: true, memoryLimit: MEMORY_LIMIT });
  const { last_date } = await bookBounds(db);
  const out = join(projectRoot, 'data', 'bench', `export-aging.${format}`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const manifest = await runReport(db, reportParameters({ asOf: last_date! }), writerFor(format, createWriteStream(out)), 'bench');
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  await db.close();
  return { seconds, cpu: (used.user + used.system) / 1e6, peak_mb: peakRssMb(), rows: manifest.row_counts.detail, bytes: statSync(out).size };
}

export default async function exportBench(log: (line: string) => void): Promise<void> {
  const invoices = Number(process.env.DUESIGHT_BENCH_EXPORT_INVOICES ?? 1_000_000);
  const customers = Math.max(100, Math.round(invoices / 100));
  // Its own file (the KPI benchmark's books are opened for writing by other runs).
  const path = join(projectRoot, 'data', 'bench', `export-book-${invoices}.duckdb`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const args = ['bin/duesight.js', 'demo', '--customers', String(customers), '--invoices', String(invoices), '--seed', '7', '--db', path];
    const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`demo generation failed (exit ${run.status})`);
    log(`generated a ${invoices.toLocaleString('en-US')}-invoice book in ${fmt((performance.now() - t0) / 1000)} (kept in ${path})`);
  }
  const openBook = join(projectRoot, 'data', 'bench', `export-open-book-${invoices}.duckdb`);
  if (!existsSync(openBook)) await buildOpenBook(openBook, invoices, customers);
  for (const [label, book] of [['demo book', path], ['every invoice open', openBook]]) {
    for (const format of ['csv', 'xlsx'] as const) log(measure(label, book, format));
  }
}

/**
 * The worst case for the writers: a book of `invoices` invoices of which none is paid, so the
 * aging detail has a line for every one (a demo book has most of its invoices settled).
 */
async function buildOpenBook(path: string, invoices: number, customers: number): Promise<void> {
  const db = await Database.open(path);
  await db.write(async (conn) => {
    await conn.run(`INSERT INTO customers (customer_id, name, currency, payment_terms_days)
      SELECT printf('C%06d', i), CASE WHEN i % 7 = 0 THEN '上海贸易有限公司 ' || i ELSE 'Customer ' || i END, 'USD', 30 FROM range(${customers}) t(i)`);
    await conn.run(`INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency)
      SELECT printf('INV%08d', i), printf('C%06d', i % ${customers}), DATE '2024-01-01' + (i % 700)::INTEGER,
             DATE '2024-01-31' + (i % 700)::INTEGER, (100 + (i * 7919) % 100000 / 100.0)::DECIMAL(18,2), 'USD'
      FROM range(${invoices}) t(i)`);
    await refreshSettlements(conn, true);
  });
  await db.close();
}

/** One export in a child process, as a line of the report. */
function measure(label: string, book: string, format: ExportFormat): string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), book], {
      cwd: projectRoot,
      env: { ...process.env, [CHILD]: format },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`the ${format} export failed (exit ${child.status})`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
    return (
      `${label}, aging detail as ${format.toUpperCase()}: ${r.rows.toLocaleString('en-US')} lines, ${(r.bytes / 1e6).toFixed(0)} MB in ${fmt(r.seconds)} (${fmt(r.cpu)} CPU) ` +
      `(target < 30 s); peak memory ${r.peak_mb.toFixed(0)} MB (target < 1024 MB; DuckDB memory_limit ${MEMORY_LIMIT})`
    );
}

const childFormat = process.env[CHILD] as ExportFormat | undefined;
if (childFormat) process.stdout.write(JSON.stringify(await exportOnce(process.argv[2], childFormat)) + '\n');
