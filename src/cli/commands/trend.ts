/** `duesight trend`: the portfolio KPIs at every month-end of a range. */
import type { Command } from '../command.ts';
import { kpiTrend } from '../../lib/server/trends.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { bookFlags, bookOptions } from '../book-flags.ts';
import { num, pct, table } from '../format.ts';

export const trendCommand: Command = {
  name: 'trend',
  usage: 'trend --from YYYY-MM --to YYYY-MM [--window-days W] [--segment S] [--region R] [--currency C] [--json]',
  summary: 'the KPIs at each month-end of a range',
  options: { ...bookOptions, from: { type: 'string' }, to: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const { from, to } = ctx.flags;
    if (typeof from !== 'string' || typeof to !== 'string') throw new DuesightError('trend needs --from YYYY-MM and --to YYYY-MM.');
    const db = await ctx.openDb();
    const series = await kpiTrend(db, { from, to, ...bookFlags(ctx.flags) });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(series));
      return 0;
    }
    ctx.out(
      table(
        ['month-end', 'AR', 'overdue', 'DSO', 'BPDSO', 'countback', 'CEI', 'DBT', 'bad debt'],
        series.map((k) => [
          k.as_of, num(k.ar, 0), pct(k.overdue_ratio), num(k.dso, 1), num(k.best_possible_dso, 1),
          num(k.countback_dso, 1), num(k.cei, 1), num(k.dbt, 1), pct(k.bad_debt_rate, 2),
        ]),
      ),
    );
    return 0;
  },
};
