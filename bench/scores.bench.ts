// Credit-score speed on the large demo book: `scores` for every customer as of the last date,
// against the aging-by-customer pass of bench/kpi.bench.ts, both measured in this one run.
// Book size: DUESIGHT_BENCH_INVOICES (default 10,000,000; 100,000 customers), cached like kpi's.
import { Database } from '../src/lib/server/db.ts';
import { agingByCustomer } from '../src/lib/server/aging.ts';
import { bookBounds } from '../src/lib/server/book.ts';
import { customerScores } from '../src/lib/server/risk/index.ts';
import { benchBook } from './book.ts';
import { fmt, medianSeconds, peakRssMb } from './timing.ts';

export default async function scoresBench(log: (line: string) => void): Promise<void> {
  const invoices = Number(process.env.DUESIGHT_BENCH_INVOICES ?? 10_000_000);
  const path = await benchBook(invoices, log);
  const memoryLimit = process.env.DUESIGHT_BENCH_MEMORY_LIMIT ?? '1.2GB';
  const db = await Database.open(path, { memoryLimit, rememberAnswers: false });
  const bounds = await bookBounds(db);
  const asOf = bounds.last_date!;
  log(`book: ${bounds.invoices.toLocaleString('en-US')} invoices, ${bounds.customers.toLocaleString('en-US')} customers, as of ${asOf}; DuckDB memory_limit ${memoryLimit}`);

  const aging = await medianSeconds(() => agingByCustomer(db, { asOf }));
  let scored = 0;
  const scores = await medianSeconds(async () => {
    scored = (await customerScores(db, { asOf })).length;
  });
  log(`aging --by customer (as in kpi):  ${fmt(aging)}`);
  log(`scores, ${scored.toLocaleString('en-US')} customers:   ${fmt(scores)}  = ${(scores / aging).toFixed(2)}× the aging pass (target ≤ 5×)`);
  log(`peak memory of the process: ${peakRssMb().toFixed(0)} MB`);
  await db.close();
}
