/** `duesight scores`: credit score, payment index, tier and reason codes per customer as of a date. */
import type { Command } from '../command.ts';
import { customerScores } from '../../lib/server/risk/index.ts';
import { TIER_LABELS } from '../../lib/risk/tiers.ts';
import { asOfFlag, filterFlags, intFlag } from '../book-flags.ts';
import { num, table } from '../format.ts';

/** The flags of the risk commands: as-of date, the customer filters, JSON. */
export const riskOptions = {
  'as-of': { type: 'string' },
  segment: { type: 'string' },
  region: { type: 'string' },
  currency: { type: 'string' },
  customer: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const scoresCommand: Command = {
  name: 'scores',
  usage: 'scores --as-of DATE [--segment S] [--region R] [--currency C] [--customer ID] [--limit N] [--json]',
  summary: 'credit score (0-100, higher = safer), payment index, tier and reason codes per customer',
  options: { ...riskOptions, limit: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const scores = await customerScores(db, { asOf: await asOfFlag(ctx, db), filter: filterFlags(ctx.flags) });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(scores.map((s) => ({
        customer_id: s.customer_id, name: s.name, score: s.score, payment_index: s.payment_index, tier: s.tier,
        thin_history: s.thin_history, reasons: s.reasons.map((r) => ({ code: r.code, text: r.text })), ar: s.ar, overdue: s.overdue,
      }))));
      return 0;
    }
    const limit = intFlag(ctx.flags, 'limit', 30)!;
    const shown = scores.slice(0, limit);
    ctx.out(table(
      ['customer', 'name', 'score', 'index', 'tier', 'AR', 'overdue', 'main reason'],
      shown.map((s) => [
        s.customer_id, s.name.slice(0, 28), s.score === null ? 'thin' : num(s.score, 1), num(s.payment_index, 0),
        TIER_LABELS[s.tier].split(' ')[0], num(s.ar), num(s.overdue), s.reasons[0]?.text ?? 'too little history to score',
      ]),
    ));
    if (scores.length > shown.length) ctx.out(`… and ${scores.length - shown.length} more customers, riskiest first (--limit N, or --json for all).`);
    return 0;
  },
};
