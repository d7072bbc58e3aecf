/** The public shapes of the credit-risk engine: scores, reasons, tiers, warnings and the backtest (browser-safe). */
import type { BookFilter } from '../types.ts';

/** The scorecard's factors, in the order the scorecard lists them. */
export const SCORE_FACTORS = [
  'payment_index',
  'dbt_trend',
  'overdue_share',
  'overdue_90_share',
  'utilisation',
  'disputes',
  'partial_payments',
  'write_offs',
  'tenure',
  'volume',
] as const;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];

/** Tiers from safest to riskiest; `unrated` is a customer whose history is too thin to score. */
export const TIERS = ['vip', 'standard', 'watch', 'high_risk', 'unrated'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * The raw behaviour of one customer as of D, before any scoring: what the scorecard reads.
 * Days are calendar days; money is in the base currency (balances at D's rate, flows at their
 * invoice date's rate); shares are 0..1. null = not measurable (no such invoices, no limit).
 */
export interface CustomerFactors {
  /** Amount-weighted PAYDEX-like index (0-100) over the trailing 24 months; null without experiences. */
  payment_index: number | null;
  /** Payment experiences behind the index: invoices settled in the trailing 24 months plus open past-due ones. */
  experiences: number;
  /** Invoices settled in the trailing 24 months. */
  settled_invoices: number;
  /** Amount-weighted days beyond terms (≥ 0) over the last 3 months (settled, and open past-due at their current days). */
  dbt_recent: number | null;
  /** The same over the 12 months before those 3. */
  dbt_prior: number | null;
  /** Amount-weighted days beyond terms of the invoices settled in the trailing 12 months (the plain ranking the backtest compares with). */
  dbt_12m: number | null;
  /** AR at D (open invoices plus unapplied credit). */
  ar: number;
  /** The part of AR past its due date. */
  overdue: number;
  /** The part of AR more than 90 days past due. */
  overdue_90: number;
  /** overdue / positive open amount; null without an open amount. */
  overdue_share: number | null;
  /** overdue_90 / positive open amount. */
  overdue_90_share: number | null;
  /** Credit limit in the base currency at D's rate; null without a limit. */
  credit_limit: number | null;
  /** ar / credit_limit; null without a limit. */
  utilisation: number | null;
  /** Share of the amount billed in the trailing 12 months that is disputed. */
  dispute_share: number | null;
  /** Share of the invoices paid in the trailing 12 months that were paid in parts (or are partly paid at D). */
  partial_share: number | null;
  /** Write-offs dated in the trailing 24 months / amount billed in them (at most 1: a write-off may concern older billing). */
  write_off_share: number | null;
  /** Whole months since the customer's first invoice. */
  tenure_months: number;
  /** Invoices dated in the trailing 12 months. */
  invoices_12m: number;
}

/** One reason code: a factor that moved the score, as a sentence, with the points it cost (negative) or kept. */
export interface Reason {
  code: string;
  /** A sentence in plain English, e.g. "pays 18 days late on average, up from 4". */
  text: string;
  /** Points of the 0-100 score: how far this factor held the score below its best (≤ 0). */
  impact: number;
  /** The numbers in the sentence, for a translated rendering (`t('risk.reason.<code>', values)`). */
  values: Record<string, number | string>;
}

/** A customer's score as of D. */
export interface CustomerScore {
  customer_id: string;
  name: string;
  segment: string | null;
  region: string | null;
  /** 0-100, higher = safer; null when the history is too thin to score (thin_history). */
  score: number | null;
  payment_index: number | null;
  tier: Tier;
  thin_history: boolean;
  /** Three to five reasons, largest effect first (empty for a thin history: there is nothing to explain). */
  reasons: Reason[];
  ar: number;
  overdue: number;
  credit_limit: number | null;
  utilisation: number | null;
  /** The factor values the score was computed from. */
  factors: CustomerFactors;
  /** Each factor's sub-score (0-100; null where not applicable). */
  subscores: Record<ScoreFactor, number | null>;
}

/** What a scores request names. */
export interface ScoreParams {
  asOf: string;
  filter?: BookFilter;
}

/** One month-end (or D itself, last) of a customer's score history. */
export interface ScoreHistoryPoint {
  date: string;
  score: number | null;
  payment_index: number | null;
  tier: Tier;
  thin_history: boolean;
  reasons: Reason[];
  ar: number;
  overdue: number;
}

/** Customers (and their AR) who moved from one tier to another between two consecutive month-ends. */
export interface TierFlow {
  /** The earlier month-end. */
  from_date: string;
  /** The later month-end (D itself for the last step when D is not a month-end). */
  to_date: string;
  from_tier: Tier;
  to_tier: Tier;
  customers: number;
  /** AR at to_date of the customers who made this move. */
  exposure: number;
}

/** How many customers, and how much AR, sit in each tier at a date. */
export interface TierDistribution {
  date: string;
  tiers: { tier: Tier; customers: number; exposure: number }[];
}

/** Tier history over `months` month-ends ending at D. */
export interface TierMigration {
  as_of: string;
  dates: string[];
  flows: TierFlow[];
  distribution: TierDistribution[];
}

export const WARNING_RULES = [
  'credit_limit_exceeded',
  'past_60',
  'past_90',
  'dbt_rising',
  'score_drop',
  'tier_downgrade',
  'broken_pattern',
  'concentration',
  'portfolio_dso_high',
  'portfolio_dso_jump',
  'portfolio_overdue_high',
  'portfolio_overdue_jump',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];
export type Severity = 'low' | 'medium' | 'high';

/** One early warning as of D. */
export interface Warning {
  /** null for a portfolio warning. */
  customer_id: string | null;
  /** The customer's name, or "Portfolio". */
  name: string;
  rule: WarningRule;
  severity: Severity;
  /** ISO date since which the condition has held (as far as the month-end history shows). */
  since: string;
  /** One sentence with the numbers. */
  message: string;
  /** The numbers that triggered it. */
  values: Record<string, number | string | null>;
}

/** Bad rate of a group of customers in the backtest. */
export interface BadRateRow {
  /** A tier, a decile ("1" = riskiest tenth), or "warned" / "not warned". */
  group: string;
  customers: number;
  bad: number;
  bad_rate: number | null;
  /** For deciles: the score range of the group. */
  min_score?: number | null;
  max_score?: number | null;
}

/** How well scores and warnings as of D foretold what happened in (D, D + horizon]. */
export interface BacktestReport {
  as_of: string;
  horizon_days: number;
  /** Data after this date was needed to judge every outcome; true when the book reaches it. */
  outcome_complete: boolean;
  /** Customers with a score and at least one invoice due in the horizon. */
  customers: number;
  bad: number;
  bad_rate: number | null;
  /** Customers left out for a thin history (with their bad count, so nothing hides). */
  thin: { customers: number; bad: number };
  auc: number | null;
  gini: number | null;
  /** The plain ranking by trailing-12-month days beyond terms, on the same customers. */
  baseline: { name: string; auc: number | null; gini: number | null };
  by_tier: BadRateRow[];
  by_decile: BadRateRow[];
  warnings: {
    rows: BadRateRow[];
    /** bad rate of warned / bad rate of the others. */
    lift: number | null;
    by_rule: BadRateRow[];
  };
}
