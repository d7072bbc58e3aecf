/** The early-warning rules, each a pure function of a customer's (or the portfolio's) recent history and the thresholds. */
import { formatNumber, formatPercent } from '../format.ts';
import type { WarningThresholds } from './config.ts';
import { shiftDays } from './dates.ts';
import { isDowngrade, TIER_LABELS } from './tiers.ts';
import type { CustomerScore, Severity, Tier, Warning, WarningRule } from './types.ts';

/** A customer at one date of its history (month-ends, then D last). */
export type ScorePoint = Pick<CustomerScore, 'score' | 'tier' | 'ar' | 'credit_limit' | 'utilisation'> & {
  date: string;
  dbt_recent: number | null;
  dbt_prior: number | null;
};

/** What the invoice-level rules read at D (queries/risk_warning_facts.sql). */
export interface WarningFacts {
  past_60_new: number;
  past_60_invoices: number;
  past_60_since: string | null;
  past_90_new: number;
  past_90_invoices: number;
  past_90_since: string | null;
  fell_due: number;
  fell_due_since: string | null;
  cycles_paid: number;
  payments_latest: number;
  last_payment: string | null;
}

/** Everything the customer rules need about one customer. */
export interface CustomerWarningInput {
  customer_id: string;
  name: string;
  /** Oldest first; the last point is D. */
  history: ScorePoint[];
  /** The score `score_drop.days` before D (null: not scored then). */
  score_before: number | null;
  facts: WarningFacts | null;
  /** Positive AR of the whole book at D, for concentration. */
  book_ar: number;
}

/** The portfolio at one date of its history. */
export interface PortfolioPoint {
  date: string;
  dso: number | null;
  overdue_ratio: number | null;
}

/**
 * The date from which `holds` has been true without a break up to the last point of `series`
 * (oldest first); null when it does not hold at the last point.
 */
export function heldSince<T extends { date: string }>(series: readonly T[], holds: (p: T) => boolean): string | null {
  let since: string | null = null;
  for (const p of series) since = holds(p) ? since ?? p.date : null;
  return since;
}

const money = (v: number) => formatNumber(v, 0);

function warning(input: { customer_id: string | null; name: string }, rule: WarningRule, severity: Severity, since: string, message: string, values: Warning['values']): Warning {
  return { customer_id: input.customer_id, name: input.name, rule, severity, since, message, values };
}

/** True when the rise in days beyond terms is sharp: at least `min_increase_days` and `min_ratio` times the customer's own history. */
export function dbtRisingSharply(p: Pick<ScorePoint, 'dbt_recent' | 'dbt_prior'>, t: WarningThresholds['dbt_rising']): boolean {
  if (p.dbt_recent === null || p.dbt_prior === null) return false;
  return p.dbt_recent - p.dbt_prior >= t.min_increase_days && p.dbt_recent >= p.dbt_prior * t.min_ratio;
}

function limitRule(input: CustomerWarningInput, t: WarningThresholds): Warning | null {
  const now = input.history[input.history.length - 1];
  const over = (p: ScorePoint) => p.utilisation !== null && p.utilisation > 1;
  if (!over(now)) return null;
  const used = now.utilisation as number;
  return warning(input, 'credit_limit_exceeded', used >= t.credit_limit.high_utilisation ? 'high' : 'medium', heldSince(input.history, over)!,
    `The balance of ${money(now.ar)} is ${formatPercent(used, 0)} of the credit limit of ${money(now.credit_limit as number)}.`,
    { ar: now.ar, credit_limit: now.credit_limit, utilisation: used });
}

function pastDueRules(input: CustomerWarningInput, t: WarningThresholds): Warning[] {
  const f = input.facts;
  if (!f) return [];
  const out: Warning[] = [];
  const look = t.past_due.lookback_days;
  if (f.past_90_invoices > 0 && f.past_90_new > t.past_due.min_amount) {
    out.push(warning(input, 'past_90', 'high', f.past_90_since!,
      `${money(f.past_90_new)} on ${f.past_90_invoices} invoice(s) went past 90 days overdue in the last ${look} days.`,
      { amount: f.past_90_new, invoices: f.past_90_invoices, lookback_days: look }));
  }
  if (f.past_60_invoices > 0 && f.past_60_new > t.past_due.min_amount) {
    out.push(warning(input, 'past_60', 'medium', f.past_60_since!,
      `${money(f.past_60_new)} on ${f.past_60_invoices} invoice(s) went past 60 days overdue in the last ${look} days.`,
      { amount: f.past_60_new, invoices: f.past_60_invoices, lookback_days: look }));
  }
  return out;
}

function dbtRule(input: CustomerWarningInput, t: WarningThresholds): Warning | null {
  const now = input.history[input.history.length - 1];
  const rising = (p: ScorePoint) => dbtRisingSharply(p, t.dbt_rising);
  if (!rising(now)) return null;
  const recent = now.dbt_recent as number;
  const prior = now.dbt_prior as number;
  return warning(input, 'dbt_rising', recent - prior >= t.dbt_rising.high_increase_days ? 'high' : 'medium', heldSince(input.history, rising)!,
    `Pays ${Math.round(recent)} days late on average over the last 3 months, up from ${Math.round(prior)} in the 12 months before.`,
    { dbt_recent: recent, dbt_prior: prior, increase: recent - prior });
}

function scoreDropRule(input: CustomerWarningInput, t: WarningThresholds): Warning | null {
  const now = input.history[input.history.length - 1];
  const before = input.score_before;
  if (now.score === null || before === null || before - now.score < t.score_drop.points) return null;
  const drop = before - now.score;
  const start = shiftDays(now.date, -t.score_drop.days);
  const since = heldSince(input.history.filter((p) => p.date > start), (p) => p.score !== null && before - p.score >= t.score_drop.points) ?? now.date;
  return warning(input, 'score_drop', drop >= t.score_drop.high_points ? 'high' : 'medium', since,
    `The score fell ${formatNumber(drop, 1)} points in ${t.score_drop.days} days, from ${formatNumber(before, 1)} to ${formatNumber(now.score, 1)}.`,
    { score: now.score, score_before: before, drop, days: t.score_drop.days });
}

function tierRule(input: CustomerWarningInput): Warning | null {
  const h = input.history;
  if (h.length < 2) return null;
  const now = h[h.length - 1];
  const previous = h[h.length - 2];
  if (!isDowngrade(previous.tier, now.tier)) return null;
  const severity: Severity = now.tier === 'high_risk' ? 'high' : now.tier === 'watch' ? 'medium' : 'low';
  const since = heldSince(h, (p) => p.tier === now.tier)!;
  return warning(input, 'tier_downgrade', severity, since,
    `Moved from ${TIER_LABELS[previous.tier]} to ${TIER_LABELS[now.tier]} since ${previous.date} (score ${formatNumber(now.score, 1)}).`,
    { from_tier: previous.tier, to_tier: now.tier as Tier, from_date: previous.date, score: now.score });
}

function brokenPatternRule(input: CustomerWarningInput, t: WarningThresholds): Warning | null {
  const f = input.facts;
  const b = t.broken_pattern;
  if (!f || f.cycles_paid < b.cycles || f.payments_latest > 0 || !(f.fell_due > b.min_open_due) || !f.fell_due_since) return null;
  return warning(input, 'broken_pattern', 'medium', f.fell_due_since,
    `Paid in each of the ${b.cycles} previous ${b.cycle_days}-day cycles but nothing in the last ${b.cycle_days} days, ` +
      `while ${money(f.fell_due)} fell due and is unpaid (last payment ${f.last_payment}).`,
    { cycles: b.cycles, cycle_days: b.cycle_days, fell_due: f.fell_due, last_payment: f.last_payment });
}

function concentrationRule(input: CustomerWarningInput, t: WarningThresholds): Warning | null {
  const now = input.history[input.history.length - 1];
  if (!(input.book_ar > 0) || now.ar <= 0) return null;
  const share = now.ar / input.book_ar;
  if (share <= t.concentration.share) return null;
  return warning(input, 'concentration', share > t.concentration.high_share ? 'high' : 'medium', now.date,
    `Owes ${formatPercent(share, 1)} of all receivables (${money(now.ar)} of ${money(input.book_ar)}).`,
    { ar: now.ar, book_ar: input.book_ar, share });
}

/** Every customer rule that fires for `input` at D. */
export function customerWarnings(input: CustomerWarningInput, t: WarningThresholds): Warning[] {
  return [
    limitRule(input, t), ...pastDueRules(input, t), dbtRule(input, t), scoreDropRule(input, t),
    tierRule(input), brokenPatternRule(input, t), concentrationRule(input, t),
  ].filter((w): w is Warning => w !== null);
}

/** The portfolio rules at D: DSO and overdue ratio above their limits or jumping since the previous month-end. */
export function portfolioWarnings(series: readonly PortfolioPoint[], t: WarningThresholds['portfolio']): Warning[] {
  const who = { customer_id: null, name: 'Portfolio' };
  const now = series[series.length - 1];
  const previous = series.length > 1 ? series[series.length - 2] : null;
  const out: Warning[] = [];
  const dsoHigh = (p: PortfolioPoint) => p.dso !== null && p.dso > t.dso_max;
  if (dsoHigh(now)) {
    out.push(warning(who, 'portfolio_dso_high', now.dso! > t.dso_max * 1.5 ? 'high' : 'medium', heldSince(series, dsoHigh)!,
      `DSO is ${formatNumber(now.dso, 1)} days, above the limit of ${t.dso_max}.`, { dso: now.dso, limit: t.dso_max }));
  }
  if (previous && now.dso !== null && previous.dso !== null && now.dso - previous.dso >= t.dso_jump_days) {
    out.push(warning(who, 'portfolio_dso_jump', 'medium', shiftDays(previous.date, 1),
      `DSO rose ${formatNumber(now.dso - previous.dso, 1)} days since ${previous.date}, from ${formatNumber(previous.dso, 1)} to ${formatNumber(now.dso, 1)}.`,
      { dso: now.dso, dso_before: previous.dso, before_date: previous.date }));
  }
  const overdueHigh = (p: PortfolioPoint) => p.overdue_ratio !== null && p.overdue_ratio > t.overdue_ratio_max;
  if (overdueHigh(now)) {
    out.push(warning(who, 'portfolio_overdue_high', now.overdue_ratio! > t.overdue_ratio_max * 1.5 ? 'high' : 'medium', heldSince(series, overdueHigh)!,
      `${formatPercent(now.overdue_ratio, 1)} of receivables are overdue, above the limit of ${formatPercent(t.overdue_ratio_max, 0)}.`,
      { overdue_ratio: now.overdue_ratio, limit: t.overdue_ratio_max }));
  }
  if (previous && now.overdue_ratio !== null && previous.overdue_ratio !== null && now.overdue_ratio - previous.overdue_ratio >= t.overdue_ratio_jump) {
    out.push(warning(who, 'portfolio_overdue_jump', 'medium', shiftDays(previous.date, 1),
      `The overdue share rose from ${formatPercent(previous.overdue_ratio, 1)} to ${formatPercent(now.overdue_ratio, 1)} since ${previous.date}.`,
      { overdue_ratio: now.overdue_ratio, overdue_ratio_before: previous.overdue_ratio, before_date: previous.date }));
  }
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** High severity first, then portfolio before customers, then the oldest condition first. */
export function bySeverity(a: Warning, b: Warning): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || Number(a.customer_id !== null) - Number(b.customer_id !== null)
    || a.since.localeCompare(b.since)
    || (a.customer_id ?? '').localeCompare(b.customer_id ?? '')
    || a.rule.localeCompare(b.rule);
}
