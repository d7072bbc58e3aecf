// Demo generation speed: 1,000,000 invoices (10,000 customers) in a temporary database file;
// with DUESIGHT_BENCH_LARGE=1 also 10,000,000 invoices with 100,000 customers. With
// DUESIGHT_BENCH_CONSTRAINTS=both each size is also built on tables without the PRIMARY KEY
// (or REFERENCES) clauses of the data tables, to show what the key checks cost (=without: only so).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/lib/server/db.ts';
import { generateDemo } from '../src/lib/server/demo/index.ts';
import { sqlText } from '../src/lib/server/sql.ts';

interface Size { customers: number; invoices: number }

/**
 * schema.sql without the keys of the data tables: the same columns and checks, no REFERENCES,
 * no PRIMARY KEY on the text ids or the FX rates (settings and the import log keep theirs).
 */
function schemaWithoutKeys(): string {
  return sqlText('schema')
    .replace(/,\s*PRIMARY KEY\s*\([^)]*\)/g, '')
    .replace(/(\w+_id\s+VARCHAR)\s+PRIMARY KEY/g, '$1')
    .replace(/\s+REFERENCES\s+\w+\s*\(\s*\w+\s*\)/g, '');
}

/** Re-creates every table of a fresh database from schemaWithoutKeys(). */
async function dropKeys(db: Database): Promise<void> {
  // Statement by statement (no transaction): a refused DROP must not abort the others.
  await db.read(async (conn) => {
    const listed = await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`);
    let left = listed.getRows().map(([name]) => String(name));
    // Referencing tables must go before the tables they reference: retry until all are gone.
    while (left.length > 0) {
      const failed: string[] = [];
      for (const name of left) await conn.run(`DROP TABLE "${name}"`).catch(() => failed.push(name));
      if (failed.length === left.length) throw new Error(`cannot drop ${failed.join(', ')}`);
      left = failed;
    }
    await conn.run(schemaWithoutKeys());
  });
}

async function buildOnce(size: Size, withKeys: boolean, log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'duesight-demo-bench-'));
  const path = join(dir, 'demo.duckdb');
  try {
    const db = await Database.open(path);
    if (!withKeys) await dropKeys(db);
    const stages: string[] = [];
    let last = performance.now();
    const summary = await generateDemo(db, {
      ...size,
      seed: 7,
      onProgress: (_done, _total, stage) => {
        const now = performance.now();
        if (stages.length > 0) stages[stages.length - 1] += ` ${((now - last) / 1000).toFixed(1)}s`;
        stages.push(stage);
        last = now;
      },
    });
    const t0 = performance.now();
    await db.close();
    const checkpoint = (performance.now() - t0) / 1000;
    const rows = summary.customers + summary.invoices + summary.payments + summary.adjustments + summary.fx_rates;
    log(
      `${size.invoices.toLocaleString('en-US')} invoices, ${size.customers.toLocaleString('en-US')} customers, ` +
        `${withKeys ? 'schema as is' : 'data tables without keys'}: ${summary.seconds.toFixed(1)} s ` +
        `(${Math.round(summary.invoices / summary.seconds).toLocaleString('en-US')} invoices/s, ` +
        `${Math.round(rows / summary.seconds).toLocaleString('en-US')} rows/s over ${rows.toLocaleString('en-US')} rows), ` +
        `then checkpoint ${checkpoint.toFixed(1)} s`,
    );
    log(`  stages: ${stages.slice(0, -1).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function demoBench(log: (line: string) => void): Promise<void> {
  const sizes: Size[] = [{ customers: 10_000, invoices: 1_000_000 }];
  if (process.env.DUESIGHT_BENCH_LARGE === '1') sizes.push({ customers: 100_000, invoices: 10_000_000 });
  const keys = process.env.DUESIGHT_BENCH_CONSTRAINTS;
  const variants = keys === 'both' ? [true, false] : keys === 'without' ? [false] : [true];
  for (const size of sizes) for (const withKeys of variants) await buildOnce(size, withKeys, log);
}
