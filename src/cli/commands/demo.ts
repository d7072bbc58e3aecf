/** `duesight demo`: builds the deterministic demo book, with progress on a terminal. */
import type { Command } from '../command.ts';
import { DEMO_DEFAULTS, generateDemo } from '../../lib/server/demo/index.ts';
import type { ProgressListener } from '../../lib/types.ts';
import { intFlag } from '../book-flags.ts';
import { num } from '../format.ts';

/** A one-line progress display that rewrites itself, for stderr on a terminal only. */
function terminalProgress(): { listener: ProgressListener; finish(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return {
    listener: (done, total, stage) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`\r\x1b[Kdemo: [${done}/${total ?? '?'}] ${stage}… ${seconds}s`);
    },
    finish: () => process.stderr.write('\r\x1b[K'),
  };
}

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo [--customers N] [--invoices N] [--seed S] [--end DATE] [--replace] [--json]',
  summary: 'builds a realistic, deterministic demo book (3 years of invoices to --end)',
  options: {
    customers: { type: 'string' },
    invoices: { type: 'string' },
    seed: { type: 'string' },
    end: { type: 'string' },
    replace: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  usesDb: true,
  createsDb: true,
  async run(ctx) {
    const options = {
      customers: intFlag(ctx.flags, 'customers', DEMO_DEFAULTS.customers),
      invoices: intFlag(ctx.flags, 'invoices', DEMO_DEFAULTS.invoices),
      seed: intFlag(ctx.flags, 'seed', DEMO_DEFAULTS.seed),
      end: typeof ctx.flags.end === 'string' ? ctx.flags.end : DEMO_DEFAULTS.end,
      replace: ctx.flags.replace === true,
    };
    const db = await ctx.openDb();
    const progress = terminalProgress();
    let summary;
    try {
      summary = await generateDemo(db, { ...options, onProgress: progress?.listener });
    } finally {
      progress?.finish();
    }
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(summary));
    } else {
      ctx.err(
        `Demo book (seed ${summary.seed}, ${summary.start} to ${summary.end}) written to ${db.path} in ${num(summary.seconds, 1)} s: ` +
          `${num(summary.customers, 0)} customers, ${num(summary.invoices, 0)} invoices, ${num(summary.payments, 0)} payments, ` +
          `${num(summary.adjustments, 0)} adjustments, ${num(summary.fx_rates, 0)} FX rates.`,
      );
    }
    return 0;
  },
};
