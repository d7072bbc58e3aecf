/** `duesight start` (npm start): demo data on first run, a fresh build, then the dashboard. */
import type { Command } from '../command.ts';
import { ensureBuilt } from '../build-app.ts';
import { Database } from '../../lib/server/db.ts';
import { bookBounds } from '../../lib/server/book.ts';
import { serveDashboard } from './serve.ts';

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
