/** Early warnings as of D: the customer rules over each customer's recent months, and the portfolio rules. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RiskConfig } from '../../risk/config.ts';
import { monthlyDates, shiftDays } from '../../risk/dates.ts';
import {
  bySeverity, customerWarnings, portfolioWarnings, type ScorePoint, type WarningFacts,
} from '../../risk/warning-rules.ts';
import type { Warning } from '../../risk/types.ts';
import type { BookFilter, PortfolioKpis } from '../../types.ts';
import { assertRatesFound, isoDate } from '../book-params.ts';
import type { Database } from '../db.ts';
import { kpisAt, kpisAtDates } from '../kpis.ts';
import { rememberEachDate } from '../remember-dates.ts';
import { query } from '../sql.ts';
import { riskConfigOn } from './config.ts';
import { datedFactorsAtDates, type DatedFactors } from './factors.ts';
import { scoreDated, type DatedScore } from './scores.ts';

export interface WarningParams {
  asOf: string;
  filter?: BookFilter;
  config?: RiskConfig;
}

/** The portfolio KPIs at some dates for a filter (the portfolio rules read DSO and overdue %). */
export type PortfolioSeries = (dates: string[], filter: BookFilter) => Promise<readonly PortfolioKpis[]>;

/** How many month-ends before D the rules look back over to say since when a condition has held. */
export const WARNING_HISTORY_MONTHS = 6;

/**
 * A customer at one date of its history, whose score and tier are worked out only when a rule
 * reads them: most rules look back over the months only when they fire at D, so most history
 * points are never scored.
 */
function lazyPoint(row: DatedFactors, config: RiskConfig): ScorePoint {
  const f = row.factors;
  let scored: DatedScore | undefined;
  const score = () => (scored ??= scoreDated(row, config, { reasons: false }));
  return {
    date: row.date, ar: f.ar, credit_limit: f.credit_limit, utilisation: f.utilisation, dbt_recent: f.dbt_recent, dbt_prior: f.dbt_prior,
    get score() {
      return score().score;
    },
    get tier() {
      return score().tier;
    },
  };
}

async function warningFacts(conn: DuckDBConnection, asOf: string, filter: BookFilter, config: RiskConfig): Promise<Map<string, WarningFacts>> {
  const w = config.warnings;
  const rows = await query<WarningFacts & { customer_id: string; missing_rate: string | null }>(conn, 'risk_warning_facts', {
    as_of: asOf,
    lookback_days: w.past_due.lookback_days,
    cycles: w.broken_pattern.cycles,
    cycle_days: w.broken_pattern.cycle_days,
    segment: filter.segment ?? null,
    region: filter.region ?? null,
    currency: filter.currency ?? null,
    customer_id: filter.customer_id ?? null,
  });
  assertRatesFound(...rows.map((r) => r.missing_rate));
  return new Map(rows.map(({ customer_id, missing_rate: _, ...facts }) => [customer_id, facts]));
}

/**
 * The warnings at D on one connection: scores at the month-ends before D, at D and at D minus
 * the score-drop span (one pass for their factors; a score only where a rule reads it); the
 * invoice facts at D; the portfolio KPIs at the same month-ends (from `kpisOf`: on this
 * connection unless the caller has them remembered). Portfolio rules apply to the filtered part
 * of the book (not to a single customer); concentration is measured against the whole book's AR.
 */
export async function warningsOn(
  conn: DuckDBConnection,
  asOf: string,
  filter: BookFilter = {},
  config?: RiskConfig,
  kpisOf?: PortfolioSeries,
): Promise<Warning[]> {
  return (await warningsOnDates(conn, [asOf], filter, config, kpisOf)).get(asOf)!;
}

/**
 * The warnings at each of `dates`, as `warningsOn` gives them at each, with one pass for the
 * factors of every date any of them reads (consecutive month-ends share most of their history).
 */
export async function warningsOnDates(
  conn: DuckDBConnection,
  dates: readonly string[],
  filter: BookFilter = {},
  config?: RiskConfig,
  kpisOf: PortfolioSeries = (ds, f) => kpisAtDates(conn, ds, { filter: f }),
): Promise<Map<string, Warning[]>> {
  for (const d of dates) isoDate(d, 'as-of date');
  const cfg = config ?? (await riskConfigOn(conn));
  const t = cfg.warnings;
  const plans = [...new Set(dates)].map((asOf) => ({ asOf, history: monthlyDates(asOf, WARNING_HISTORY_MONTHS), before: shiftDays(asOf, -t.score_drop.days) }));
  const rows = await datedFactorsAtDates(conn, [...new Set(plans.flatMap((p) => [...p.history, p.before]))], filter);
  // Each row's point is shared by every date whose history holds it (a score is worked out once).
  const points = new Map<string, { row: DatedFactors; point: ScorePoint }[]>();
  for (const row of rows) {
    let list = points.get(row.date);
    if (!list) points.set(row.date, (list = []));
    list.push({ row, point: lazyPoint(row, cfg) });
  }

  const { customer_id: _, ...portfolioFilter } = filter;
  const unfiltered = Object.keys(filter).length === 0;
  const out = new Map<string, Warning[]>();
  for (const { asOf, history, before } of plans) {
    const facts = await warningFacts(conn, asOf, filter, cfg);
    const kpis = filter.customer_id ? [] : await kpisOf(history, portfolioFilter);
    const bookAr = unfiltered ? kpis[kpis.length - 1].ar : (await kpisOf([asOf], {}))[0].ar;

    // Each customer's history in date order, oldest first.
    const series = new Map<string, ScorePoint[]>();
    for (const date of history) {
      for (const { row, point } of points.get(date) ?? []) {
        let list = series.get(row.customer_id);
        if (!list) series.set(row.customer_id, (list = []));
        list.push(point);
      }
    }
    const scoreBefore = new Map((points.get(before) ?? []).map(({ row, point }) => [row.customer_id, point.score]));
    const warnings: Warning[] = [];
    for (const { row } of points.get(asOf) ?? []) {
      warnings.push(...customerWarnings({
        customer_id: row.customer_id,
        name: row.name,
        history: series.get(row.customer_id)!,
        score_before: scoreBefore.get(row.customer_id) ?? null,
        facts: facts.get(row.customer_id) ?? null,
        book_ar: bookAr,
      }, t));
    }
    if (kpis.length) warnings.push(...portfolioWarnings(kpis.map((k) => ({ date: k.as_of, dso: k.dso, overdue_ratio: k.overdue_ratio })), t.portfolio));
    out.set(asOf, warnings.sort(bySeverity));
  }
  return out;
}

/** Every early warning as of D (customer and portfolio), high severity first. */
export async function earlyWarnings(db: Database, params: WarningParams): Promise<Warning[]> {
  const { asOf, ...rest } = params;
  return (await earlyWarningsAt(db, [asOf], rest))[0];
}

/**
 * The early warnings at each of `dates`, each remembered as `earlyWarnings` at that date; the
 * dates not remembered share one pass for their factors.
 */
export function earlyWarningsAt(db: Database, dates: readonly string[], params: Omit<WarningParams, 'asOf'>): Promise<Warning[][]> {
  // The portfolio KPIs are the remembered ones, shared with the overview's trend.
  const kpisOf: PortfolioSeries = (ds, filter) => kpisAt(db, ds, { filter });
  return rememberEachDate(db, 'earlyWarnings', dates, (asOf) => ({ ...params, asOf }), (missing) =>
    db.read((conn) => warningsOnDates(conn, missing, params.filter, params.config, kpisOf)),
  );
}
