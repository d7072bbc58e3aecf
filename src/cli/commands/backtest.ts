/** `duesight backtest`: how well the scores and warnings as of a date foretold which customers paid late after it. */
import type { Command } from '../command.ts';
import { backtest } from '../../lib/server/risk/index.ts';
import type { BadRateRow } from '../../lib/risk/types.ts';
import { asOfFlag, intFlag } from '../book-flags.ts';
import { num, pct, table } from '../format.ts';

const rows = (list: BadRateRow[], withRange = false) =>
  list.map((r) => [
    r.group, num(r.customers, 0), num(r.bad, 0), pct(r.bad_rate),
    ...(withRange ? [`${num(r.min_score ?? null, 1)}–${num(r.max_score ?? null, 1)}`] : []),
  ]);

export const backtestCommand: Command = {
  name: 'backtest',
  usage: 'backtest --as-of DATE [--horizon DAYS] [--json]',
  summary: 'AUC, Gini and bad rates by tier, score decile and warning, judged on what happened after the date',
  options: { 'as-of': { type: 'string' }, horizon: { type: 'string' }, json: { type: 'boolean' } },
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const r = await backtest(db, { asOf: await asOfFlag(ctx, db), horizonDays: intFlag(ctx.flags, 'horizon', 90) });
    if (!r.outcome_complete) ctx.err(`(the book ends before ${r.as_of} + ${r.horizon_days} + 15 days: some outcomes are not known yet and count as good)`);
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(r));
      return 0;
    }
    const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
    ctx.out(`Backtest as of ${r.as_of}, horizon ${r.horizon_days} days: ${r.customers} scored customers with an invoice due, ` +
      `${r.bad} bad (${pct(r.bad_rate)}); ${r.thin.customers} thin histories left out (${r.thin.bad} bad).`);
    ctx.out(`Score AUC ${f(r.auc)} (Gini ${f(r.gini)}); ${r.baseline.name}: AUC ${f(r.baseline.auc)} (Gini ${f(r.baseline.gini)}).\n`);
    ctx.out(table(['tier', 'customers', 'bad', 'bad rate'], rows(r.by_tier)));
    ctx.out('');
    ctx.out(table(['decile (1 = riskiest)', 'customers', 'bad', 'bad rate', 'scores'], rows(r.by_decile, true)));
    ctx.out('');
    ctx.out(table(['warnings', 'customers', 'bad', 'bad rate'], [...rows(r.warnings.rows), ...rows(r.warnings.by_rule)]));
    ctx.out(`\nWarned customers went bad ${r.warnings.lift === null ? '—' : `${r.warnings.lift.toFixed(2)}×`} as often as the others.`);
    return 0;
  },
};
