/** `duesight aging`: the aging table, for the portfolio or by customer, on either basis. */
import type { Command } from '../command.ts';
import { agingByCustomer, agingSummary } from '../../lib/server/aging.ts';
import { bucketLabels, parseBucketEdges } from '../../lib/buckets.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import type { AgingBasis } from '../../lib/types.ts';
import { asOfFlag, bookFlags, bookOptions, intFlag } from '../book-flags.ts';
import { num, pct, table } from '../format.ts';

export const agingCommand: Command = {
  name: 'aging',
  usage: 'aging --as-of DATE [--by customer] [--basis due|invoice] [--buckets 30,60,90,120] [--limit N] [--json]',
  summary: 'the aging table (buckets + unapplied = AR)',
  options: { ...bookOptions, by: { type: 'string' }, basis: { type: 'string' }, limit: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const by = ctx.flags.by;
    if (by !== undefined && by !== 'customer') throw new DuesightError(`--by takes "customer" (got "${String(by)}").`);
    const basis = (ctx.flags.basis ?? 'due') as AgingBasis;
    let edges: number[];
    try {
      edges = parseBucketEdges(typeof ctx.flags.buckets === 'string' ? ctx.flags.buckets : undefined);
    } catch (err) {
      throw new DuesightError((err as Error).message);
    }
    const params = { asOf: await asOfFlag(ctx, db), ...bookFlags(ctx.flags), basis, buckets: edges };
    const labels = bucketLabels(edges, basis);
    if (by === 'customer') {
      const rows = await agingByCustomer(db, params);
      if (ctx.flags.json) {
        ctx.out(JSON.stringify(rows));
        return 0;
      }
      const limit = intFlag(ctx.flags, 'limit', 50)!;
      const shown = rows.slice(0, limit);
      ctx.out(
        table(
          ['customer', 'name', 'AR', ...labels, 'unapplied', 'overdue', 'limit', 'used'],
          shown.map((r) => [
            r.customer_id, r.name.slice(0, 28), num(r.ar), ...labels.map((l) => num(r[l] as number)),
            num(r.unapplied), num(r.overdue), num(r.credit_limit), pct(r.utilisation),
          ]),
        ),
      );
      if (rows.length > shown.length) ctx.out(`… and ${rows.length - shown.length} more customers (--limit N, or --json for all).`);
      return 0;
    }
    const summary = await agingSummary(db, params);
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(summary));
      return 0;
    }
    const rows = summary.buckets.map((b) => [b.label, num(b.amount), num(b.invoices, 0)]);
    rows.push(['unapplied', num(summary.unapplied), ''], ['AR', num(summary.ar), '']);
    ctx.out(`Aging as of ${summary.as_of} by ${basis === 'due' ? 'due date' : 'invoice date'}\n\n${table(['bucket', 'amount', 'invoices'], rows)}`);
    return 0;
  },
};
