/** A customer's month-end scores with their reasons, for a customer page. */
import type { RiskConfig } from '../../risk/config.ts';
import { monthlyDates } from '../../risk/dates.ts';
import type { ScoreHistoryPoint } from '../../risk/types.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { scoresAtDates } from './scores.ts';

export interface ScoreHistoryParams {
  asOf: string;
  customerId: string;
  /** How many month-ends before D (default 12, at most 60). */
  months?: number;
  config?: RiskConfig;
}

/** Checks a month count (1 to 60). */
export function monthsParam(months: number | undefined, fallback = 12): number {
  const m = months ?? fallback;
  if (!Number.isInteger(m) || m < 1 || m > 60) throw new DuesightError(`The number of months must be a whole number from 1 to 60 (got ${m}).`);
  return m;
}

/**
 * The customer's score at each of the `months` month-ends before D, then at D: oldest first.
 * A date at which the customer was not yet (or no longer) active is left out.
 */
export function scoreHistory(db: Database, params: ScoreHistoryParams): Promise<ScoreHistoryPoint[]> {
  return db.remember('scoreHistory', params, () => computeScoreHistory(db, params));
}

async function computeScoreHistory(db: Database, params: ScoreHistoryParams): Promise<ScoreHistoryPoint[]> {
  const dates = monthlyDates(params.asOf, monthsParam(params.months));
  const byDate = await db.read((conn) => scoresAtDates(conn, dates, { customer_id: params.customerId }, params.config));
  const out: ScoreHistoryPoint[] = [];
  for (const date of dates) {
    const s = byDate.get(date)?.[0];
    if (!s) continue;
    out.push({
      date, score: s.score, payment_index: s.payment_index, tier: s.tier, thin_history: s.thin_history,
      reasons: s.reasons, ar: s.ar, overdue: s.overdue,
    });
  }
  return out;
}
