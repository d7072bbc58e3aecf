/** What the risk and warnings pages show, composed from the risk engine in as few passes as the pages need. */
import type { TierThresholds } from '../risk/config.ts';
import { monthlyDates } from '../risk/dates.ts';
import { type Severity, type Tier, type TierDistribution, type TierFlow, type Warning } from '../risk/types.ts';
import type { BookFilter } from '../types.ts';
import type { Database } from './db.ts';
import type { ViewState } from '../url-state.ts';
import { expectedCreditLoss } from './ecl.ts';
import { asHttpError, bookFilter } from './page-params.ts';
import { riskConfigOn } from './risk/config.ts';
import { distributionOf, flowsBetween } from './risk/migration.ts';
import { byRisk, scoresAtDates } from './risk/scores.ts';

/** One customer as the risk matrix needs it (the reasons and factors stay on the server). */
export interface RiskMatrixCustomer {
  customer_id: string;
  name: string;
  score: number | null;
  tier: Tier;
  ar: number;
  overdue: number;
}

/** The risk page's scored part: customers at D, tiers at D, and the month-to-month tier flows. */
export interface RiskPortfolio {
  as_of: string;
  /** The month-ends before D, then D: the dates whose tiers the flows join. */
  dates: string[];
  /** Every active customer at D, worst score first, thin histories last. */
  customers: RiskMatrixCustomer[];
  /** Customers and AR per tier at D (every tier listed). */
  distribution: TierDistribution;
  /** Flows between consecutive dates, stays included. */
  flows: TierFlow[];
  /** The tier lines, for guides on the matrix. */
  thresholds: TierThresholds;
}

/**
 * Scores at the `months` month-ends before D and at D in one pass of the engine, and from
 * them the matrix, the tier distribution at D and the migration (what tierMigration and
 * customerScores give separately, without scoring D twice). Kept until the next write.
 */
export function riskPortfolio(db: Database, params: { asOf: string; months?: number; filter?: BookFilter }): Promise<RiskPortfolio> {
  return db.remember('riskPortfolio', params, () => computeRiskPortfolio(db, params));
}

async function computeRiskPortfolio(db: Database, params: { asOf: string; months?: number; filter?: BookFilter }): Promise<RiskPortfolio> {
  const dates = monthlyDates(params.asOf, params.months ?? 12);
  const { byDate, config } = await db.read(async (conn) => {
    const config = await riskConfigOn(conn);
    return { byDate: await scoresAtDates(conn, dates, params.filter, config, { reasons: false }), config };
  });
  const atD = byDate.get(params.asOf)!;
  const flows: TierFlow[] = [];
  for (let i = 1; i < dates.length; i++) flows.push(...flowsBetween(dates[i - 1], byDate.get(dates[i - 1])!, dates[i], byDate.get(dates[i])!));
  return {
    as_of: params.asOf,
    dates,
    customers: [...atD].sort(byRisk).map((s) => ({
      customer_id: s.customer_id, name: s.name, score: s.score, tier: s.tier, ar: s.ar, overdue: s.overdue,
    })),
    distribution: distributionOf(params.asOf, atD),
    flows,
    thresholds: config.tiers,
  };
}


/** Open warnings by the week their condition began, each week a count per severity. */
export interface WarningWeeks {
  /** The Monday of each week, oldest first; the last week holds D. */
  weeks: string[];
  counts: Record<Severity, number>[];
  /** Warnings that began before the first week (their condition is older than the chart). */
  earlier: Record<Severity, number>;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday on or before `iso` (weeks run Monday to Sunday, ISO 8601). */
export function weekStart(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return isoDay(ms - weekday * DAY);
}

/**
 * Counts `warnings` (all open at D) by the week of their `since` date over the `count` weeks
 * ending with D's week. The engine says since when a condition has held, so this is when the
 * open warnings began, not every warning that was ever raised.
 */
export function warningsByWeek(warnings: readonly Warning[], asOf: string, count = 26): WarningWeeks {
  const last = Date.parse(`${weekStart(asOf)}T00:00:00Z`);
  const weeks = Array.from({ length: count }, (_, i) => isoDay(last - (count - 1 - i) * 7 * DAY));
  const zero = () => ({ high: 0, medium: 0, low: 0 }) as Record<Severity, number>;
  const counts = weeks.map(zero);
  const earlier = zero();
  const index = new Map(weeks.map((w, i) => [w, i]));
  for (const w of warnings) {
    const i = index.get(weekStart(w.since));
    if (i !== undefined) counts[i][w.severity] += 1;
    else if (w.since < weeks[0]) earlier[w.severity] += 1;
  }
  return { weeks, counts, earlier };
}

/** Month-to-month steps of tier migration, and months of roll-rate history behind the loss rates. */
const MIGRATION_MONTHS = 12;
const ECL_MONTHS = 12;

/** The risk page of `view`: its frame at once; the roll rates and provisions, and the scored portfolio, as promises. */
export function riskPageData(db: Database, view: ViewState) {
  const filter = bookFilter(view);
  const asOf = view.asOf;
  // Nothing here is instant on a large book: the page frame answers at once, and the roll rates
  // and provisions (about a second) and the scores (the engine takes seconds) stream in.
  const ecl = expectedCreditLoss(db, { asOf, months: ECL_MONTHS, filter })
    .then((e) => ({
      month_ends: e.month_ends,
      roll_rates: e.roll_rates,
      provision_matrix: e.provision_matrix,
      unapplied: e.unapplied,
      ar: e.ar,
      ecl: e.ecl,
      coverage: e.coverage,
    }))
    .catch(asHttpError);
  const portfolio = riskPortfolio(db, { asOf, months: MIGRATION_MONTHS, filter }).catch(asHttpError);

  return { asOf, eclMonths: ECL_MONTHS, ecl, portfolio };
}
