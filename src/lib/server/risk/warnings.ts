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
  kpisOf: PortfolioSeries = (dates, f) => kpisAtDates(conn, dates, { filter: f }),
): Promise<Warning[]> {
  isoDate(asOf, 'as-of date');
  const cfg = config ?? (await riskConfigOn(conn));
  const t = cfg.warnings;
  const history = monthlyDates(asOf, WARNING_HISTORY_MONTHS);
  const before = shiftDays(asOf, -t.score_drop.days);
  const rows = await datedFactorsAtDates(conn, [...new Set([...history, before])], filter);
  const facts = await warningFacts(conn, asOf, filter, cfg);

  const { customer_id: _, ...portfolioFilter } = filter;
  const kpis = filter.customer_id ? [] : await kpisOf(history, portfolioFilter);
  const unfiltered = Object.keys(filter).length === 0;
  const bookAr = unfiltered ? kpis[kpis.length - 1].ar : (await kpisOf([asOf], {}))[0].ar;

  // Rows come by date, oldest first; each customer's history keeps that order.
  const inHistory = new Set(history);
  const series = new Map<string, ScorePoint[]>();
  const scoreBefore = new Map<string, number | null>();
  const atD: DatedFactors[] = [];
  for (const row of rows) {
    if (row.date === before && !inHistory.has(before)) {
      scoreBefore.set(row.customer_id, scoreDated(row, cfg, { reasons: false }).score);
      continue;
    }
    let list = series.get(row.customer_id);
    if (!list) series.set(row.customer_id, (list = []));
    list.push(lazyPoint(row, cfg));
    if (row.date === before) scoreBefore.set(row.customer_id, list[list.length - 1].score);
    if (row.date === asOf) atD.push(row);
  }
  const out: Warning[] = [];
  for (const row of atD) {
    out.push(...customerWarnings({
      customer_id: row.customer_id,
      name: row.name,
      history: series.get(row.customer_id)!,
      score_before: scoreBefore.get(row.customer_id) ?? null,
      facts: facts.get(row.customer_id) ?? null,
      book_ar: bookAr,
    }, t));
  }
  if (kpis.length) out.push(...portfolioWarnings(kpis.map((k) => ({ date: k.as_of, dso: k.dso, overdue_ratio: k.overdue_ratio })), t.portfolio));
  return out.sort(bySeverity);
}

/** Every early warning as of D (customer and portfolio), high severity first. */
export function earlyWarnings(db: Database, params: WarningParams): Promise<Warning[]> {
  // The portfolio KPIs are the remembered ones, shared with the overview's trend.
  const kpisOf: PortfolioSeries = (dates, filter) => kpisAt(db, dates, { filter });
  return db.remember('earlyWarnings', params, () => db.read((conn) => warningsOn(conn, params.asOf, params.filter, params.config, kpisOf)));
}
