/** Portfolio KPIs (spec/kpis.md) at one or many as-of dates: balances, aging, flows, the DSO family, CEI, turnover, behaviour. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { bucketLabels } from '../buckets.ts';
import { countbackDso, ratioKpis } from '../kpi-formulas.ts';
import type { AgingAmounts, KpiParams, PortfolioKpis } from '../types.ts';
import { addDays, assertRatesFound, bookParams, monthStart } from './book-params.ts';
import type { Database } from './db.ts';
import { rememberEachDate } from './remember-dates.ts';
import { query } from './sql.ts';

/** A row of balances_at_dates.sql. */
export interface BalancesRow {
  date: string;
  ar: number;
  unapplied: number;
  buckets: { bucket: number; amount: number; invoices: number }[] | null;
  overdue: number;
  open_invoices: number;
  customers_with_balance: number;
  missing_rate: string | null;
}
interface FlowsRow {
  date: string;
  sales: number;
  collections: number;
  write_offs: number;
  monthly_sales: { month_back: number; net_sales: number }[] | null;
  missing_rate: string | null;
}
interface SettledRow {
  date: string;
  settled: number;
  dbt: number | null;
  days_to_pay: number | null;
  on_time_rate: number | null;
  missing_rate: string | null;
}

/** The base currency of the book. */
export async function baseCurrency(conn: DuckDBConnection): Promise<string> {
  const [row] = await query<{ currency: string }>(conn, 'base_currency');
  return row.currency;
}

function byDate<T extends { date: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.date, r]));
}

/**
 * The KPIs at each of `dates` (ISO), for the book or a filtered part of it: three passes in
 * all, whatever the number of dates, so a 36-month trend costs little more than one date.
 */
export async function kpisAtDates(
  conn: DuckDBConnection,
  dates: readonly string[],
  params: Omit<KpiParams, 'asOf'>,
): Promise<PortfolioKpis[]> {
  if (dates.length === 0) return [];
  const p = bookParams({ ...params, asOf: dates[0], basis: 'due' });
  for (const d of dates) bookParams({ ...params, asOf: d });
  const windowDays = p.window_days as number;
  const starts = dates.map((d) => addDays(d, -windowDays));
  const balances = byDate(await query<BalancesRow>(conn, 'balances_at_dates', { ...p, dates: [...dates], report_dates: [...dates] }));
  // At the window starts only AR is needed: the ledger identity gives it without expanding invoices.
  const arStart = byDate(await query<{ date: string; ar: number; missing_rate: string | null }>(conn, 'ar_at_dates', { ...p, dates: starts }));
  const first = [...dates].sort()[0];
  const spanStart = [addDays(first, 1 - windowDays), monthStart(first, 23)].sort()[0];
  const flows = byDate(await query<FlowsRow>(conn, 'flows_at_dates', { ...p, dates: [...dates], span_start: spanStart }));
  const settled = byDate(await query<SettledRow>(conn, 'settled_at_dates', { ...p, dates: [...dates] }));
  const currency = await baseCurrency(conn);
  const labels = bucketLabels(p.edges as number[], 'due');

  return dates.map((asOf, i) => {
    const b = balances.get(asOf)!;
    const start = arStart.get(starts[i])!;
    const f = flows.get(asOf)!;
    const s = settled.get(asOf)!;
    assertRatesFound(b.missing_rate, start.missing_rate, f.missing_rate, s.missing_rate);

    const aging: AgingAmounts = Object.fromEntries(labels.map((l) => [l, 0]));
    for (const bucket of b.buckets ?? []) aging[labels[bucket.bucket]] = bucket.amount;
    aging.unapplied = b.unapplied;
    const current = aging.current;
    const overdue = b.overdue;
    const { kpis, reasons } = ratioKpis({
      windowDays,
      ar: b.ar,
      arStart: start.ar,
      current,
      overdue,
      sales: f.sales,
      writeOffs: f.write_offs,
    });
    const monthly: number[] = [];
    for (const m of f.monthly_sales ?? []) monthly[m.month_back] = m.net_sales;
    const anySettled = s.settled > 0;
    if (!anySettled) for (const k of ['dbt', 'days_to_pay', 'on_time_rate']) reasons[k] = 'no invoice was settled in the window';
    return {
      as_of: asOf,
      window_days: windowDays,
      currency,
      ar: b.ar,
      current,
      overdue,
      overdue_ratio: kpis.overdue_ratio,
      aging,
      sales: f.sales,
      collections: f.collections,
      write_offs: f.write_offs,
      dso: kpis.dso,
      best_possible_dso: kpis.best_possible_dso,
      add: kpis.add,
      countback_dso: countbackDso(b.ar, asOf, monthly),
      cei: kpis.cei,
      turnover: kpis.turnover,
      turnover_days: kpis.turnover_days,
      bad_debt_rate: kpis.bad_debt_rate,
      dbt: anySettled ? s.dbt : null,
      days_to_pay: anySettled ? s.days_to_pay : null,
      on_time_rate: anySettled ? s.on_time_rate : null,
      open_invoices: b.open_invoices,
      customers_with_balance: b.customers_with_balance,
      ar_start: start.ar,
      null_reasons: reasons,
    };
  });
}

/**
 * The KPIs at each of `dates`, each remembered on its own (keyed by the parameters as resolved,
 * so equal views share one answer): a trend computes only the month-ends not asked before.
 */
export function kpisAt(db: Database, dates: readonly string[], params: Omit<KpiParams, 'asOf'>): Promise<PortfolioKpis[]> {
  return rememberEachDate(
    db,
    'portfolioKpis',
    dates,
    (date) => bookParams({ ...params, asOf: date, basis: 'due' }),
    async (missing) => new Map((await db.read((conn) => kpisAtDates(conn, missing, params))).map((k) => [k.as_of, k])),
  );
}

/** The KPIs of the book (or of a filtered part of it) as of `params.asOf`. */
export async function portfolioKpis(db: Database, params: KpiParams): Promise<PortfolioKpis> {
  return (await kpisAt(db, [params.asOf], params))[0];
}
