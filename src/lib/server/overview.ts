/** The overview's figures for a view: KPI tiles with 12-month history, the DSO trend, ECL, aging over time, top overdue customers, newest warnings. */
import type { PortfolioKpis, TrendPoint } from '../types.ts';
import type { ViewState } from '../url-state.ts';
import { agingByCustomer } from './aging.ts';
import type { Database } from './db.ts';
import { expectedCreditLossAt } from './ecl.ts';
import { portfolioKpis } from './kpis.ts';
import { warningsPanel } from './newest-warnings.ts';
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

/**
 * The overview of `view` (the book starting on `firstDate`). The tiles' values are awaited; the
 * history behind them and the slower parts are promises the page streams in.
 */
export async function overviewData(db: Database, view: ViewState, firstDate: string) {
  const filter = bookFilter(view);
  const asOf = view.asOf;

  // Every series ends at the as-of date: the month-ends before it, then D itself (when D is a month-end, once).
  const withAsOf = (ends: string[]) => (isMonthEnd(asOf) ? ends : [...ends, asOf]);
  const recentRange = monthEndRange(asOf, RECENT_MONTHS, firstDate);
  const recentDates = withAsOf(recentRange ? monthEnds(recentRange.from, recentRange.to) : []);
  const trendRange = monthEndRange(asOf, TREND_MONTHS, firstDate);

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
    (await agingByCustomer(db, { asOf, filter }))
      .filter((r) => r.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || a.customer_id.localeCompare(b.customer_id))
      .slice(0, TOP_OVERDUE),
  );
  // The engine's warnings take long the first time, so they start after the charts' data.
  const warnings = Promise.allSettled([trend, ecl, topOverdue]).then(() => warningsPanel(db, { asOf, filter }, NEWEST_WARNINGS));

  return { asOf, current, recentCount: recentDates.length, eclMonths: ECL_MONTHS, trend, ecl, topOverdue, warnings };
}
