/** The overview: KPI tiles with 12-month sparklines, the DSO trend, aging over time, and the largest overdue customers. */
import { appDb } from '$lib/server/app-db';
import { agingByCustomer } from '$lib/server/aging';
import { expectedCreditLossAt } from '$lib/server/ecl';
import { portfolioKpis } from '$lib/server/kpis';
import { asHttpError, bookFilter, isMonthEnd, monthEndRange, requireView } from '$lib/server/page-params';
import { kpiTrend, monthEnds } from '$lib/server/trends';
import type { PortfolioKpis } from '$lib/types';
import type { PageServerLoad } from './$types';

/** Month-ends in the DSO trend, and in the sparklines and aging bars. */
const TREND_MONTHS = 24;
const RECENT_MONTHS = 12;
/** Roll-rate history behind the expected credit loss. */
const ECL_MONTHS = 12;
const TOP_OVERDUE = 10;

export const load: PageServerLoad = async ({ parent }) => {
  const parentData = await parent();
  const view = requireView(parentData);
  const firstDate = parentData.bounds.first_date;
  if (!view || !firstDate) return { overview: null };
  const db = await appDb();
  const filter = bookFilter(view);
  const asOf = view.asOf;

  // Every series ends at the as-of date: the month-ends before it, then D itself (when D is a month-end, once).
  const withAsOf = (ends: string[]) => (isMonthEnd(asOf) ? ends : [...ends, asOf]);
  const recentRange = monthEndRange(asOf, RECENT_MONTHS, firstDate);
  const recentDates = withAsOf(recentRange ? monthEnds(recentRange.from, recentRange.to) : []);
  const trendRange = monthEndRange(asOf, TREND_MONTHS, firstDate);

  // The tiles' values come first; the history behind them, and the slower parts, stream in.
  const current = await portfolioKpis(db, { asOf, filter }).catch(asHttpError);
  const trend: Promise<PortfolioKpis[]> = (trendRange ? kpiTrend(db, { ...trendRange, filter }) : Promise.resolve([])).then((ends) =>
    isMonthEnd(asOf) ? ends : [...ends, current],
  );
  const ecl = expectedCreditLossAt(db, recentDates, { months: ECL_MONTHS, filter }).then((points) =>
    points.map(({ as_of, ecl, coverage }) => ({ as_of, ecl, coverage })),
  );
  const topOverdue = agingByCustomer(db, { asOf, filter }).then((rows) =>
    rows
      .filter((r) => r.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || a.customer_id.localeCompare(b.customer_id))
      .slice(0, TOP_OVERDUE),
  );

  return {
    overview: { asOf, current, recentCount: recentDates.length, eclMonths: ECL_MONTHS, trend, ecl, topOverdue },
  };
};
