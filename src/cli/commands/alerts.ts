/** `duesight alerts`: the early warnings as of a date, customer and portfolio, high severity first. */
import type { Command } from '../command.ts';
import { earlyWarnings } from '../../lib/server/risk/index.ts';
import { asOfFlag, filterFlags } from '../book-flags.ts';
import { table } from '../format.ts';
import { riskOptions } from './scores.ts';

export const alertsCommand: Command = {
  name: 'alerts',
  usage: 'alerts --as-of DATE [--segment S] [--region R] [--currency C] [--customer ID] [--json]',
  summary: 'early warnings (credit limit, 60/90 days past due, lateness rising, score drop, tier downgrade, broken pattern, concentration, portfolio DSO and overdue)',
  options: riskOptions,
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const warnings = await earlyWarnings(db, { asOf: await asOfFlag(ctx, db), filter: filterFlags(ctx.flags) });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(warnings.map((w) => ({
        customer_id: w.customer_id, name: w.name, rule: w.rule, severity: w.severity, since: w.since, message: w.message, values: w.values,
      }))));
      return 0;
    }
    if (warnings.length === 0) {
      ctx.out('No warnings.');
      return 0;
    }
    ctx.out(table(
      ['severity', 'customer', 'rule', 'since', 'message'],
      warnings.map((w) => [w.severity, w.customer_id ?? 'portfolio', w.rule, w.since, `${w.customer_id ? `${w.name.slice(0, 24)}: ` : ''}${w.message}`]),
    ));
    return 0;
  },
};
