// The demo books the benchmarks run on, generated once and kept under data/bench/ (a book made by
// another schema version is generated again).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bookBounds } from '../src/lib/server/book.ts';
import { Database } from '../src/lib/server/db.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { fmt } from './timing.ts';

/** The path of a demo book of `invoices` invoices (customers: one per hundred invoices, at least 100), generating it if needed. */
export async function benchBook(invoices: number, log: (line: string) => void): Promise<string> {
  const customers = Math.max(100, Math.round(invoices / 100));
  const path = join(projectRoot, 'data', 'bench', `book-${invoices}.duckdb`);
  if (existsSync(path)) {
    try {
      const db = await Database.open(path, { readOnly: true });
      const { invoices: held } = await bookBounds(db).finally(() => db.close());
      if (held !== invoices) throw new Error(`it holds ${held} invoices (an interrupted generation)`);
      return path;
    } catch (err) {
      log(`regenerating ${path}: ${(err as Error).message.split(':')[0]}`);
      rmSync(path, { force: true });
      rmSync(`${path}.wal`, { force: true });
    }
  }
  // In a child process, so that a benchmark's peak memory is its own work's.
  const t0 = performance.now();
  const args = ['bin/duesight.js', 'demo', '--customers', String(customers), '--invoices', String(invoices), '--seed', '7', '--db', path];
  const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`demo generation failed (exit ${run.status})`);
  log(`generated a ${invoices.toLocaleString('en-US')}-invoice book in ${fmt((performance.now() - t0) / 1000)} (kept in ${path})`);
  return path;
}
