/** `duesight start` (npm start): demo data on first run, a fresh build, then the dashboard. */
import type { Command } from '../command.ts';
import { ensureBuilt } from '../build-app.ts';
import { Database } from '../../lib/server/db.ts';
import { bookBounds } from '../../lib/server/book.ts';
import { serveDashboard } from './serve.ts';
import { ensureDemoAdmin } from '../../lib/server/auth/demo-admin.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--port N]',
  summary: 'demo data on first run, then the dashboard (what npm start runs)',
  options: { port: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const dbPath = String(ctx.flags.db);
    const db = await Database.open(dbPath);
    let admin: Awaited<ReturnType<typeof ensureDemoAdmin>> = null;
    try {
      if ((await bookBounds(db)).invoices === 0) {
        ctx.err(`No data in ${dbPath} yet: generating the demo book (2,000 customers, about 200,000 invoices)…`);
        const { generateDemo } = await import('../../lib/server/demo/index.ts');
        await generateDemo(db, {});
      }
      // Logins: with none yet, a local admin whose password is shown (once, after the server starts).
      admin = await ensureDemoAdmin(db);
    } finally {
      await db.close();
    }
    ensureBuilt(ctx.err);
    await serveDashboard(ctx, dbPath);
    if (admin) {
      ctx.err(`No logins existed: sign in as "${admin.name}" with the one-time password\n\n    ${admin.password}\n`);
      ctx.err('It is shown only now and stored only as a hash. Add your own logins with "npx duesight user add NAME --role R".');
    }
    await new Promise(() => undefined);
    return 0;
  },
};
