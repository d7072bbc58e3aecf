// KPI engine speed on a large demo book: kpi for one date, aging by customer and a 36-month
// trend, each against a plain DuckDB pass summing open amounts per customer on the same tables.
// Book size: DUESIGHT_BENCH_INVOICES (default 10,000,000; 100,000 customers).
import { Database } from '../src/lib/server/db.ts';
import { portfolioKpis } from '../src/lib/server/kpis.ts';
import { agingByCustomer } from '../src/lib/server/aging.ts';
import { kpiTrend } from '../src/lib/server/trends.ts';
import { bookBounds } from '../src/lib/server/book.ts';
import { query } from '../src/lib/server/sql.ts';
import { benchBook } from './book.ts';
import { fmt, medianSeconds, peakRssMb } from './timing.ts';

export default async function kpiBench(log: (line: string) => void): Promise<void> {
  const invoices = Number(process.env.DUESIGHT_BENCH_INVOICES ?? 10_000_000);
  const path = await benchBook(invoices, log);
  // DuckDB's own memory limit; the process peak (below) adds Node and DuckDB's untracked memory.
  const memoryLimit = process.env.DUESIGHT_BENCH_MEMORY_LIMIT ?? '1.2GB';
  const db = await Database.open(path, { memoryLimit, rememberAnswers: false });
  const bounds = await bookBounds(db);
  const asOf = bounds.last_date!;
  const last = asOf.slice(0, 7);
  const [y, m] = last.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1 - 35, 1)).toISOString().slice(0, 7);
  log(`book: ${bounds.invoices.toLocaleString('en-US')} invoices, ${bounds.customers.toLocaleString('en-US')} customers, as of ${asOf}; DuckDB memory_limit ${memoryLimit}`);

  const reference = await medianSeconds(() => db.read((conn) => query(conn, 'reference_open_by_customer', { as_of: asOf })));
  const kpi = await medianSeconds(() => portfolioKpis(db, { asOf }));
  const aging = await medianSeconds(() => agingByCustomer(db, { asOf }));
  const trend = await medianSeconds(() => kpiTrend(db, { from, to: last }), 3);
  log(`reference pass (sum open per customer): ${fmt(reference)}`);
  log(`kpi --as-of ${asOf}:            ${fmt(kpi)}  = ${(kpi / reference).toFixed(2)}× reference (target ≤ 3×)`);
  log(`aging --by customer:           ${fmt(aging)}  = ${(aging / reference).toFixed(2)}× reference (target ≤ 3×)`);
  log(`trend, 36 month-ends:          ${fmt(trend)}  = ${(trend / reference).toFixed(2)}× reference (target ≤ 10×)`);
  log(`peak memory of the process: ${peakRssMb().toFixed(0)} MB (target < 2048 MB)`);
  await db.close();
}
