/** `duesight start` (npm start): demo data on first run, a fresh build, then the dashboard. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.ts';
import { Database } from '../../lib/server/db.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { projectRoot } from '../../lib/server/paths.ts';
import { bookBounds } from '../../lib/server/book.ts';
import { serveDashboard } from './serve.ts';

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the app when build/ is missing or older than its sources. */
function ensureBuilt(err: (text: string) => void): void {
  const built = newest(join(projectRoot, 'build', 'index.js'));
  const sources = Math.max(
    ...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(projectRoot, p))),
  );
  if (built > sources) return;
  err('Building the dashboard (first start, or the code changed)…');
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new DuesightError(`Building the dashboard failed (vite build exited with ${run.status}).`);
}

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--port N]',
  summary: 'demo data on first run, then the dashboard (what npm start runs)',
  options: { port: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const dbPath = String(ctx.flags.db);
    const db = await Database.open(dbPath);
    try {
      if ((await bookBounds(db)).invoices === 0) {
        ctx.err(`No data in ${dbPath} yet: generating the demo book (2,000 customers, about 200,000 invoices)…`);
        const { generateDemo } = await import('../../lib/server/demo/index.ts');
        await generateDemo(db, {});
      }
    } finally {
      await db.close();
    }
    ensureBuilt(ctx.err);
    await serveDashboard(ctx, dbPath);
    await new Promise(() => undefined);
    return 0;
  },
};
