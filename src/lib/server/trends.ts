/** The portfolio KPIs as a monthly series of month-ends, for trend charts and the KPI pack. */
import type { KpiParams, PortfolioKpis } from '../types.ts';
import type { Database } from './db.ts';
import { DuesightError } from './errors.ts';
import { kpisAt } from './kpis.ts';

const MONTH = /^(\d{4})-(\d{2})$/;

/** The last day of each month from `from` to `to` (YYYY-MM, inclusive). */
export function monthEnds(from: string, to: string): string[] {
  const a = MONTH.exec(from);
  const b = MONTH.exec(to);
  if (!a || !b) throw new DuesightError(`Months are written YYYY-MM (got "${from}" and "${to}").`);
  const first = Number(a[1]) * 12 + Number(a[2]) - 1;
  const last = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (last < first) throw new DuesightError(`The trend's last month ${to} comes before its first month ${from}.`);
  if (last - first >= 240) throw new DuesightError('A trend covers at most 240 months.');
  const ends: string[] = [];
  for (let m = first; m <= last; m++) {
    ends.push(new Date(Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0)).toISOString().slice(0, 10));
  }
  return ends;
}

export interface TrendParams extends Omit<KpiParams, 'asOf'> {
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM. */
  to: string;
}

/**
 * The KPIs at every month-end from `from` to `to`, each equal to `portfolioKpis` at that date and
 * remembered as it (so the next trend computes only its new month-ends); the series is
 * remembered too, so a repeated page looks up one answer rather than one per month.
 */
export function kpiTrend(db: Database, params: TrendParams): Promise<PortfolioKpis[]> {
  const { from, to, ...kpiParams } = params;
  return db.remember('kpiTrend', params, () => kpisAt(db, monthEnds(from, to), kpiParams));
}
