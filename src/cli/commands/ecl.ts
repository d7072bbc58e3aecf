/** `duesight ecl`: roll rates, loss rates and the IFRS 9 provision matrix as of a date. */
import type { Command } from '../command.ts';
import { expectedCreditLoss } from '../../lib/server/ecl.ts';
import { asOfFlag, bookFlags, bookOptions, intFlag, overlayFlag } from '../book-flags.ts';
import { num, pct, table } from '../format.ts';

export const eclCommand: Command = {
  name: 'ecl',
  usage: 'ecl --as-of DATE [--months 12] [--overlay BUCKET=RATE,…] [--buckets …] [--json]',
  summary: 'roll rates, loss rates and the provision matrix (expected credit loss)',
  options: { ...bookOptions, months: { type: 'string' }, overlay: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const { buckets, filter } = bookFlags(ctx.flags);
    const result = await expectedCreditLoss(db, {
      asOf: await asOfFlag(ctx, db),
      months: intFlag(ctx.flags, 'months', 12),
      overlay: overlayFlag(ctx.flags.overlay),
      buckets,
      filter,
    });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(result));
      return 0;
    }
    const columns = Object.keys(result.roll_rates[0].to);
    ctx.out(`Roll rates, ${result.month_ends[0]} to ${result.month_ends.at(-1)} (share of each bucket's balance a month later)\n`);
    ctx.out(table(['from', 'balance', ...columns], result.roll_rates.map((r) => [r.from, num(r.opening, 0), ...columns.map((c) => pct(r.to[c]))])));
    ctx.out(`\nProvision matrix as of ${result.as_of} (${result.currency})\n`);
    ctx.out(
      table(
        ['bucket', 'balance', 'loss rate', 'overlay', 'rate', 'provision'],
        result.provision_matrix.map((r) => [r.bucket, num(r.balance), pct(r.loss_rate, 2), pct(r.overlay, 2), pct(r.rate, 2), num(r.provision)]),
      ),
    );
    ctx.out(`\nExpected credit loss: ${num(result.ecl)} ${result.currency} (${pct(result.coverage, 2)} of gross receivables)`);
    return 0;
  },
};
