/** Credit scores, reasons and tiers per customer as of D (or at many dates at once, for histories and backtests). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RiskConfig } from '../../risk/config.ts';
import { chooseReasons } from '../../risk/reasons.ts';
import { isThinHistory, roundScore, subscores, weightedScore, type ScoreBreakdown, type Subscores } from '../../risk/scorecard.ts';
import { tierOf } from '../../risk/tiers.ts';
import type { CustomerFactors, CustomerScore, ScoreParams } from '../../risk/types.ts';
import type { BookFilter } from '../../types.ts';
import type { Database } from '../db.ts';
import { riskConfigOn } from './config.ts';
import { datedFactorsAtDates, type DatedFactors, type FactorRow } from './factors.ts';

/** A scored customer at a date. */
export type DatedScore = CustomerScore & { date: string };

/** What a scorer may leave out when its reader does not show it. */
export interface ScoringOptions {
  /** false: no reason sentences (for readers of scores and tiers only, e.g. migration and warnings). Default true. */
  reasons?: boolean;
}

/** Scores one customer's factors: thin history → no score and no reasons; otherwise the scorecard. */
export function scoreFactors(row: FactorRow, config: RiskConfig): DatedScore {
  const { date, customer_id, name, segment, region, ...factors } = row;
  return scoreDated({ date, customer_id, name, segment, region, factors }, config);
}

/** The score (rounded; null for a thin history) and its breakdown, from the scorecard. */
function scoreOf(f: CustomerFactors, subs: Subscores, config: RiskConfig): { score: number | null; breakdown: ScoreBreakdown | null } {
  if (isThinHistory(f, config)) return { score: null, breakdown: null };
  const breakdown = weightedScore(subs, config);
  return { score: roundScore(breakdown.score), breakdown };
}

/** scoreFactors on factors already apart from the identity (no copy of them). */
export function scoreDated(row: DatedFactors, config: RiskConfig, options: ScoringOptions = {}): DatedScore {
  const { date, customer_id, name, segment, region, factors: f } = row;
  const subs = subscores(f, config);
  const { score, breakdown } = scoreOf(f, subs, config);
  const reasons = breakdown && options.reasons !== false ? chooseReasons(f, breakdown, config) : [];
  return {
    date, customer_id, name, segment, region, score,
    payment_index: f.payment_index,
    tier: tierOf(score, f.ar, f.utilisation, config.tiers),
    thin_history: breakdown === null,
    reasons,
    ar: f.ar,
    overdue: f.overdue,
    credit_limit: f.credit_limit,
    utilisation: f.utilisation,
    factors: f,
    subscores: subs,
  };
}

/** A customer's tier (and AR) at a date and nothing else, for tier histories over many dates. */
export type TierPoint = Pick<DatedScore, 'customer_id' | 'tier' | 'ar'>;

/** The tier of one customer's factors, as scoreDated gives it. */
export function tierPoint(row: DatedFactors, config: RiskConfig): TierPoint {
  const f = row.factors;
  const { score } = scoreOf(f, subscores(f, config), config);
  return { customer_id: row.customer_id, tier: tierOf(score, f.ar, f.utilisation, config.tiers), ar: f.ar };
}

/** Worst score first; thin histories last, by AR. */
export function byRisk(a: CustomerScore, b: CustomerScore): number {
  if (a.score === null || b.score === null) return a.score === null && b.score === null ? b.ar - a.ar : a.score === null ? 1 : -1;
  return a.score - b.score || b.ar - a.ar || a.customer_id.localeCompare(b.customer_id);
}

/**
 * Every active customer's score at each of `dates`, grouped by date (each list in customer-id order).
 * `options.reasons: false` leaves the reasons empty, for readers that show none.
 */
export async function scoresAtDates(
  conn: DuckDBConnection,
  dates: readonly string[],
  filter: BookFilter = {},
  config?: RiskConfig,
  options: ScoringOptions = {},
): Promise<Map<string, DatedScore[]>> {
  const cfg = config ?? (await riskConfigOn(conn));
  const out = new Map<string, DatedScore[]>(dates.map((d) => [d, []]));
  for (const row of await datedFactorsAtDates(conn, dates, filter)) out.get(row.date)!.push(scoreDated(row, cfg, options));
  return out;
}

/**
 * Every customer active at D (an invoice in the 24 months to D, or a balance) with its score,
 * payment index, tier, reasons and the factors behind them; worst score first, thin histories last.
 */
export function customerScores(db: Database, params: ScoreParams & { config?: RiskConfig }): Promise<CustomerScore[]> {
  return db.remember('customerScores', params, async () => {
    const byDate = await db.read((conn) => scoresAtDates(conn, [params.asOf], params.filter, params.config));
    return byDate.get(params.asOf)!.map(({ date: _, ...s }) => s).sort(byRisk);
  });
}

/** One customer's score as of D, or null when it was not active then. */
export async function customerScore(
  db: Database,
  params: { asOf: string; customerId: string; config?: RiskConfig },
): Promise<CustomerScore | null> {
  const rows = await customerScores(db, { asOf: params.asOf, filter: { customer_id: params.customerId }, config: params.config });
  return rows[0] ?? null;
}
