/** The expected credit loss at many as-of dates in two passes (the overview's ECL sparkline), each equal to expectedCreditLoss at that date. */
import { bucketLabels } from '../buckets.ts';
import { lossRates, rollRateRows } from '../loss-rates.ts';
import type { BookFilter } from '../types.ts';
import { assertRatesFound, bookParams, isoDate } from './book-params.ts';
import type { Database } from './db.ts';
import { monthEndsBefore } from './ecl.ts';
import { DuesightError } from './errors.ts';
import type { BalancesRow } from './kpis.ts';
import { query } from './sql.ts';

export interface EclHistoryParams {
  /** The as-of dates (ISO), in any order. */
  dates: readonly string[];
  /** Months of roll-rate history behind each date (default 12, as expectedCreditLoss). */
  months?: number;
  buckets?: readonly number[] | string;
  filter?: BookFilter;
}

/** The ECL at one date: the provision on its aging at the loss rates of its own trailing months. */
export interface EclPoint {
  as_of: string;
  ecl: number;
  /** ECL / gross receivables in the buckets. */
  coverage: number | null;
}

interface StepFlow {
  t: string;
  from_bucket: number;
  to_state: string;
  amount: number;
  missing_rate: string | null;
}

/**
 * The ECL at each of `dates`, without overlays. One pass finds the month-by-month roll flows
 * over every month-end any date needs, another the aging at the dates; each date then sums the
 * flows of its own months, exactly as expectedCreditLoss would.
 */
export async function eclHistory(db: Database, params: EclHistoryParams): Promise<EclPoint[]> {
  const months = params.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new DuesightError(`The roll-rate history must be 1 to 120 months (got ${months}).`);
  }
  if (params.dates.length === 0) return [];
  const dates = params.dates.map((d) => isoDate(d, 'as-of date'));
  const p = bookParams({ asOf: dates[0], buckets: params.buckets, filter: params.filter });
  const labels = bucketLabels(p.edges as number[], 'due');
  // Each date's month-ends: its transitions start at all but the last.
  const windows = dates.map((d) => monthEndsBefore(d, months + 1));
  const monthEnds = [...new Set(windows.flat())].sort();

  const { flows, balances } = await db.read(async (conn) => ({
    flows: await query<StepFlow>(conn, 'roll_flows_by_month', { ...p, dates: monthEnds }),
    balances: await query<BalancesRow>(conn, 'balances_at_dates', { ...p, dates: [...new Set(dates)] }),
  }));
  assertRatesFound(...flows.map((f) => f.missing_rate), ...balances.map((b) => b.missing_rate));
  const balanceAt = new Map(balances.map((b) => [b.date, b]));

  return dates.map((asOf, k) => {
    const steps = new Set(windows[k].slice(0, -1));
    const rows = rollRateRows(
      labels,
      flows.filter((f) => steps.has(f.t)).map((f) => ({ from: f.from_bucket, to: f.to_state, amount: f.amount })),
    );
    const loss = lossRates(rows);
    const balance = balanceAt.get(asOf);
    const amounts = new Array<number>(labels.length).fill(0);
    for (const b of balance?.buckets ?? []) amounts[b.bucket] = b.amount;
    // As expectedCreditLoss: each provision stated to the cent, cents added as integers.
    const cents = (x: number) => Math.round(x * 100);
    const ecl = amounts.reduce((sum, amount, i) => sum + cents(cents(amount * Math.min(1, Math.max(0, loss[i]))) / 100), 0) / 100;
    const gross = balance ? balance.ar - balance.unapplied : 0;
    return { as_of: asOf, ecl, coverage: gross > 0 ? ecl / gross : null };
  });
}
