/** The scorecard: each factor's sub-score from its curve, the weighted score, and what each factor cost. */
import * as ss from 'simple-statistics';
import { interpolate } from './anchors.ts';
import type { CurvePoint, RiskConfig } from './config.ts';
import { SCORE_FACTORS, type CustomerFactors, type ScoreFactor } from './types.ts';

export type Subscores = Record<ScoreFactor, number | null>;

/** True when the history is too thin for a score: too few settled invoices in 24 months, or too short a tenure. */
export function isThinHistory(f: CustomerFactors, config: RiskConfig): boolean {
  return f.settled_invoices < config.thin_history.min_settled_invoices || f.tenure_months < config.thin_history.min_tenure_months;
}

/** The rise in days beyond terms, last 3 months against the 12 before; null when either side has no payments. */
export function dbtIncrease(f: CustomerFactors): number | null {
  return f.dbt_recent === null || f.dbt_prior === null ? null : f.dbt_recent - f.dbt_prior;
}

/** The sub-score of a factor value on its curve; null when the factor does not apply. */
function onCurve(points: readonly CurvePoint[], x: number | null): number | null {
  return x === null ? null : interpolate(points, x);
}

/** Each factor's sub-score (0-100, higher = safer); null where the factor does not apply to this customer. */
export function subscores(f: CustomerFactors, config: RiskConfig): Subscores {
  const c = config.curves;
  return {
    payment_index: onCurve(c.payment_index, f.payment_index),
    dbt_trend: onCurve(c.dbt_trend, dbtIncrease(f)),
    overdue_share: onCurve(c.overdue_share, f.overdue_share),
    overdue_90_share: onCurve(c.overdue_90_share, f.overdue_90_share),
    utilisation: onCurve(c.utilisation, f.utilisation),
    disputes: onCurve(c.disputes, f.dispute_share),
    partial_payments: onCurve(c.partial_payments, f.partial_share),
    write_offs: onCurve(c.write_offs, f.write_off_share),
    tenure: onCurve(c.tenure, f.tenure_months),
    volume: onCurve(c.volume, f.invoices_12m),
  };
}

/** A score and, per applicable factor, the points it held the score below 100 (≤ 0); they add up to score − 100. */
export interface ScoreBreakdown {
  score: number;
  impacts: Partial<Record<ScoreFactor, number>>;
}

/**
 * The weighted mean of the applicable sub-scores, weights renormalised over them (a customer
 * without a credit limit is scored on the rest). impact = weight share × (sub-score − 100).
 */
export function weightedScore(subs: Subscores, config: RiskConfig): ScoreBreakdown {
  // Plain loops (this runs for every customer at every date); the sums go through ss.sum in the
  // scorecard's factor order, as ever.
  const applicable: ScoreFactor[] = [];
  const weights: number[] = [];
  for (const k of SCORE_FACTORS) {
    if (subs[k] !== null && config.weights[k] > 0) {
      applicable.push(k);
      weights.push(config.weights[k]);
    }
  }
  const total = ss.sum(weights);
  const impacts: Partial<Record<ScoreFactor, number>> = {};
  if (total <= 0) return { score: 100, impacts };
  const lost: number[] = [];
  for (const k of applicable) lost.push((impacts[k] = (config.weights[k] / total) * ((subs[k] as number) - 100)));
  const score = 100 + ss.sum(lost);
  return { score: Math.max(0, Math.min(100, score)), impacts };
}

/** A score shown to one decimal (and compared that way), so that equal inputs give equal tiers everywhere. */
export function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}
