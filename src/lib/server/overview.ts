/** The overview's figures for a view: KPI tiles with 12-month history, the DSO trend, ECL, aging over time, top overdue customers, newest warnings. */
import type { PortfolioKpis, TrendPoint } from '../types.ts';
import type { ViewState } from '../url-state.ts';
import { customerAgingAt } from './aging.ts';
import type { Database } from './db.ts';
import { expectedCreditLossAt, expectedCreditLossEachDate } from './ecl.ts';
import { kpisAt, portfolioKpis } from './kpis.ts';
import { warningsPanel } from './newest-warnings.ts';
import { earlyWarningsAt } from './risk/warnings.ts';
import { asHttpError, bookFilter, isMonthEnd, monthEndRange } from './page-params.ts';
import { kpiTrend, monthEnds } from './trends.ts';

/** Month-ends in the DSO trend, and in the sparklines and aging bars. */
const TREND_MONTHS = 24;
const RECENT_MONTHS = 12;
/** Roll-rate history behind the expected credit loss. */
const ECL_MONTHS = 12;
const TOP_OVERDUE = 10;
/** Warnings in the overview's panel. */
const NEWEST_WARNINGS = 5;

/** The TrendPoint of `k`: the rest of its fields stay on the server. */
function trendPoint(k: PortfolioKpis): TrendPoint {
  const { as_of, ar, overdue_ratio, dso, best_possible_dso, add, cei, turnover_days, bad_debt_rate, aging } = k;
  return { as_of, ar, overdue_ratio, dso, best_possible_dso, add, cei, turnover_days, bad_debt_rate, aging };
}

/** The dates an overview at `asOf` draws: its sparklines' month-ends (and D), and its trend's month range. */
function overviewDates(asOf: string, firstDate: string) {
  // Every series ends at the as-of date: the month-ends before it, then D itself (when D is a month-end, once).
  const withAsOf = (ends: string[]) => (isMonthEnd(asOf) ? ends : [...ends, asOf]);
  const recentRange = monthEndRange(asOf, RECENT_MONTHS, firstDate);
  const trendRange = monthEndRange(asOf, TREND_MONTHS, firstDate);
  return {
    recentDates: withAsOf(recentRange ? monthEnds(recentRange.from, recentRange.to) : []),
    trendRange,
    trendDates: withAsOf(trendRange ? monthEnds(trendRange.from, trendRange.to) : []),
  };
}

/**
 * The overview of `view` (the book starting on `firstDate`). The tiles' values are awaited; the
 * history behind them and the slower parts are promises the page streams in.
 */
export async function overviewData(db: Database, view: ViewState, firstDate: string) {
  const filter = bookFilter(view);
  const asOf = view.asOf;
  const { recentDates, trendRange } = overviewDates(asOf, firstDate);

  const current = await portfolioKpis(db, { asOf, filter }).catch(asHttpError);
  // Remembered in the shape the page draws: built once per view and data, not on every request.
  const trend: Promise<TrendPoint[]> = db.remember('overviewTrend', { asOf, filter }, async () => {
    const ends = trendRange ? await kpiTrend(db, { ...trendRange, filter }) : [];
    return (isMonthEnd(asOf) ? ends : [...ends, current]).map(trendPoint);
  });
  const ecl = expectedCreditLossAt(db, recentDates, { months: ECL_MONTHS, filter }).then((points) =>
    points.map(({ as_of, ecl, coverage }) => ({ as_of, ecl, coverage })),
  );
  const topOverdue = db.remember('topOverdue', { asOf, filter }, async () =>
    // Not remembered whole: on a large book, a list of every customer at each date viewed would fill the memory.
    (await customerAgingAt(db, { asOf, filter }))
      .filter((r) => r.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || a.customer_id.localeCompare(b.customer_id))
      .slice(0, TOP_OVERDUE),
  );
  // The engine's warnings take long the first time, so they start after the charts' data.
  const warnings = Promise.allSettled([trend, ecl, topOverdue]).then(() => warningsPanel(db, { asOf, filter }, NEWEST_WARNINGS));

  return { asOf, current, recentCount: recentDates.length, eclMonths: ECL_MONTHS, trend, ecl, topOverdue, warnings };
}

/** The parts of an overview the page streams in: what computing it ahead waits for. */
export function streamedParts(overview: Awaited<ReturnType<typeof overviewData>>): Promise<unknown>[] {
  return [overview.trend, overview.ecl, overview.topOverdue, overview.warnings];
}

/**
 * Computes and remembers the overviews of `views` (all with the same filter): first what they
 * share, each in one pass over the book for all of them (the KPIs at every month-end their
 * trends draw, the ECL at every sparkline date, the warnings at each as-of date), then each
 * overview from those. Resolves when every part is remembered; rejects on the first failure.
 */
export async function computeOverviews(db: Database, views: readonly ViewState[], firstDate: string): Promise<void> {
  if (views.length === 0) return;
  const filter = bookFilter(views[0]);
  const plans = views.map((v) => overviewDates(v.asOf, firstDate));
  const unique = (dates: string[]) => [...new Set(dates)].sort();
  await kpisAt(db, unique(plans.flatMap((p) => p.trendDates)), { filter });
  await expectedCreditLossEachDate(db, unique(plans.flatMap((p) => p.recentDates)), { months: ECL_MONTHS, filter });
  await earlyWarningsAt(db, unique(views.map((v) => v.asOf)), { filter });
  for (const view of views) {
    await Promise.all(streamedParts(await overviewData(db, view, firstDate)));
  }
}
