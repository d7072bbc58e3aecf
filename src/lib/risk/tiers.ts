/** Tiers from score and exposure, their order, and what counts as a downgrade. */
import type { TierThresholds } from './config.ts';
import type { Tier } from './types.ts';

/**
 * The tier of a score: high-risk below `high_risk_below`, watch below `watch_below`, VIP from
 * `vip_min_score` when within `vip_max_utilisation` of the limit, else standard. A large
 * exposure (AR ≥ `large_exposure`) raises the watch and high-risk lines by `large_exposure_margin`.
 * No score (thin history): unrated.
 */
export function tierOf(score: number | null, ar: number, utilisation: number | null, t: TierThresholds): Tier {
  if (score === null) return 'unrated';
  const margin = ar >= t.large_exposure ? t.large_exposure_margin : 0;
  if (score < t.high_risk_below + margin) return 'high_risk';
  if (score < t.watch_below + margin) return 'watch';
  if (score >= t.vip_min_score && (utilisation === null || utilisation <= t.vip_max_utilisation)) return 'vip';
  return 'standard';
}

const RANK: Record<Tier, number | null> = { vip: 0, standard: 1, watch: 2, high_risk: 3, unrated: null };

/** True when `to` is a riskier tier than `from` (moves to or from unrated are not downgrades). */
export function isDowngrade(from: Tier, to: Tier): boolean {
  const a = RANK[from];
  const b = RANK[to];
  return a !== null && b !== null && b > a;
}

/** Human labels of the tiers (the pages translate `risk.tier.<tier>`). */
export const TIER_LABELS: Record<Tier, string> = {
  vip: 'VIP', standard: 'Standard', watch: 'Watch', high_risk: 'High-risk', unrated: 'Unrated (thin history)',
};
