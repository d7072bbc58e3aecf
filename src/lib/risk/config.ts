/** The one place for the risk engine's numbers: scorecard weights and curves, tier thresholds, warning thresholds. */
import type { ScoreFactor } from './types.ts';

/** A curve point: factor value → sub-score (0-100); sub-scores are interpolated linearly between points. */
export type CurvePoint = readonly [x: number, points: number];

export interface TierThresholds {
  /** A score at or above this (and within the credit limit) is VIP. */
  vip_min_score: number;
  /** VIP also needs utilisation at most this (a customer over its limit is never VIP). */
  vip_max_utilisation: number;
  /** Below this a customer is on watch. */
  watch_below: number;
  /** Below this a customer is high-risk. */
  high_risk_below: number;
  /** AR (base currency) from which a customer counts as a large exposure... */
  large_exposure: number;
  /** ...and is judged this many points more strictly at the watch and high-risk lines. */
  large_exposure_margin: number;
}

export interface WarningThresholds {
  credit_limit: { high_utilisation: number };
  past_due: { lookback_days: number; min_amount: number };
  dbt_rising: { min_increase_days: number; min_ratio: number; high_increase_days: number };
  score_drop: { points: number; days: number; high_points: number };
  broken_pattern: { cycles: number; cycle_days: number; min_open_due: number };
  concentration: { share: number; high_share: number };
  portfolio: { dso_max: number; dso_jump_days: number; overdue_ratio_max: number; overdue_ratio_jump: number };
}

export interface RiskConfig {
  /** Too little history to score: fewer settled invoices than this in 24 months, or a shorter tenure. */
  thin_history: { min_settled_invoices: number; min_tenure_months: number };
  /** Relative weights of the factors (normalised over the factors that apply to a customer). */
  weights: Record<ScoreFactor, number>;
  /** Each factor's value → sub-score. */
  curves: Record<ScoreFactor, readonly CurvePoint[]>;
  /** How many reason codes a score carries (at least, at most), and the smallest loss (points) worth a reason beyond the minimum. */
  reasons: { min: number; max: number; min_impact: number };
  tiers: TierThresholds;
  warnings: WarningThresholds;
}

/** The `settings` key whose JSON value overrides parts of the defaults. */
export const RISK_CONFIG_KEY = 'risk_config';

/**
 * The defaults, set against the demo book's backtest (README, "Scores, tiers and warnings"):
 * the payment record first (index and trend, half of the score), billing frequency next, then
 * the balance's state (overdue, 90+, utilisation) and the other behaviour.
 */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  thin_history: { min_settled_invoices: 3, min_tenure_months: 3 },
  weights: {
    payment_index: 0.45,
    dbt_trend: 0.05,
    overdue_share: 0.08,
    overdue_90_share: 0.03,
    utilisation: 0.04,
    disputes: 0.05,
    partial_payments: 0.08,
    write_offs: 0.02,
    tenure: 0.02,
    volume: 0.18,
  },
  curves: {
    // The index itself, stretched where customers differ most: between paying a few days late and on time.
    payment_index: [[40, 0], [60, 20], [70, 50], [80, 90], [85, 100]],
    // Rise in days beyond terms, last 3 months against the 12 before (a fall scores 100).
    dbt_trend: [[0, 100], [5, 85], [15, 45], [30, 0]],
    overdue_share: [[0, 100], [0.1, 85], [0.3, 50], [0.6, 10], [1, 0]],
    overdue_90_share: [[0, 100], [0.05, 70], [0.2, 30], [0.5, 0]],
    utilisation: [[0, 100], [0.8, 90], [1, 60], [1.5, 0]],
    disputes: [[0, 100], [0.02, 90], [0.1, 40], [0.25, 0]],
    partial_payments: [[0, 100], [0.1, 85], [0.3, 50], [0.6, 20]],
    write_offs: [[0, 100], [0.001, 80], [0.01, 40], [0.05, 0]],
    // Months since the first invoice.
    tenure: [[0, 40], [6, 60], [12, 80], [24, 100]],
    // Invoices in the trailing 12 months: each one is a chance to fall late, so a customer billed
    // often is likelier to have one go bad in the next months on the same payment record.
    volume: [[0, 100], [6, 95], [12, 85], [24, 70], [50, 45], [100, 20], [200, 0]],
  },
  reasons: { min: 3, max: 5, min_impact: 1 },
  tiers: {
    vip_min_score: 85,
    vip_max_utilisation: 1,
    watch_below: 75,
    high_risk_below: 50,
    large_exposure: 250_000,
    large_exposure_margin: 5,
  },
  warnings: {
    credit_limit: { high_utilisation: 1.25 },
    past_due: { lookback_days: 30, min_amount: 0 },
    dbt_rising: { min_increase_days: 10, min_ratio: 1.5, high_increase_days: 30 },
    score_drop: { points: 15, days: 90, high_points: 25 },
    broken_pattern: { cycles: 6, cycle_days: 30, min_open_due: 0 },
    concentration: { share: 0.1, high_share: 0.2 },
    portfolio: { dso_max: 60, dso_jump_days: 10, overdue_ratio_max: 0.25, overdue_ratio_jump: 0.05 },
  },
};

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkCurve(path: string, value: Json): CurvePoint[] {
  if (!Array.isArray(value) || value.length < 2) throw new Error(`${path} must be a list of at least two [value, points] pairs.`);
  const points = value.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw new Error(`${path}[${i}] must be a pair of numbers [value, points].`);
    }
    if (p[1] < 0 || p[1] > 100) throw new Error(`${path}[${i}]: points must be from 0 to 100 (got ${p[1]}).`);
    return [p[0], p[1]] as const;
  });
  for (let i = 1; i < points.length; i++) {
    if (points[i][0] <= points[i - 1][0]) throw new Error(`${path}: the values must increase (${points[i - 1][0]} then ${points[i][0]}).`);
  }
  return points;
}

/** Lays `override` over `base`, key by key; every key must exist in `base` and keep its kind. */
function merge(path: string, base: Json, override: Json): Json {
  if (path.startsWith('curves.')) return checkCurve(path, override);
  if (isObject(base)) {
    if (!isObject(override)) throw new Error(`${path || 'the risk configuration'} must be an object.`);
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const sub = path ? `${path}.${key}` : key;
      if (!(key in base)) throw new Error(`${sub} is not a setting of the risk configuration (known: ${Object.keys(base).join(', ')}).`);
      out[key] = merge(sub, base[key], value);
    }
    return out;
  }
  if (typeof override !== 'number' || !Number.isFinite(override) || override < 0) {
    throw new Error(`${path} must be a number ≥ 0 (got ${JSON.stringify(override)}).`);
  }
  return override;
}

/**
 * The defaults with `override` (parsed JSON, e.g. the `risk_config` setting) laid over them,
 * checked: unknown keys, wrong kinds, negative numbers and inconsistent thresholds are errors
 * naming the setting. Returns a new object; the defaults are never changed.
 */
export function resolveRiskConfig(override: Json = {}): RiskConfig {
  const config = merge('', DEFAULT_RISK_CONFIG, override ?? {}) as RiskConfig;
  const weightSum = Object.values(config.weights).reduce((a, b) => a + b, 0);
  if (!(weightSum > 0)) throw new Error('weights must not all be 0.');
  const t = config.tiers;
  if (!(t.high_risk_below <= t.watch_below && t.watch_below <= t.vip_min_score && t.vip_min_score <= 100)) {
    throw new Error(`tiers: need high_risk_below ≤ watch_below ≤ vip_min_score ≤ 100 (got ${t.high_risk_below}, ${t.watch_below}, ${t.vip_min_score}).`);
  }
  const r = config.reasons;
  if (!(Number.isInteger(r.min) && Number.isInteger(r.max) && r.min <= r.max)) throw new Error('reasons: min and max must be whole numbers with min ≤ max.');
  return config;
}

/** Parses and checks the JSON text of the `risk_config` setting (null: the defaults). */
export function parseRiskConfig(text: string | null | undefined): RiskConfig {
  if (text == null || text.trim() === '') return resolveRiskConfig();
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`The ${RISK_CONFIG_KEY} setting is not valid JSON: ${(err as Error).message}`);
  }
  return resolveRiskConfig(parsed);
}
