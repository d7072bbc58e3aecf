/** Roll rates, loss rates and the IFRS 9 simplified-approach provision matrix, at one or many as-of dates. */
import { bucketLabels } from '../buckets.ts';
import { lossRates, rollRateRows, type RollRateRow } from '../loss-rates.ts';
import type { BookFilter } from '../types.ts';
import { addDays, assertRatesFound, bookParams, isoDate, monthStart } from './book-params.ts';
import type { Database } from './db.ts';
import { DuesightError } from './errors.ts';
import { baseCurrency, type BalancesRow } from './kpis.ts';
import { rememberEachDate } from './remember-dates.ts';
import { query } from './sql.ts';

export interface EclParams {
  asOf: string;
  /** Months of history whose month-to-month migrations make the roll rates (default 12). */
  months?: number;
  buckets?: readonly number[] | string;
  /** Forward-looking adjustment per bucket label, added to the loss rate (0.01 = one point). */
  overlay?: Record<string, number>;
  filter?: BookFilter;
}

export interface ProvisionRow {
  bucket: string;
  balance: number;
  loss_rate: number;
  overlay: number;
  rate: number;
  provision: number;
}

export interface EclResult {
  as_of: string;
  currency: string;
  /** The month-ends whose transitions were observed, oldest first. */
  month_ends: string[];
  roll_rates: RollRateRow[];
  loss_rates: Record<string, number>;
  provision_matrix: ProvisionRow[];
  /** Balances in no bucket (unapplied credit) carry no provision. */
  unapplied: number;
  ar: number;
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

/** The last `count` month-ends on or before `asOf`, oldest first. */
export function monthEndsBefore(asOf: string, count: number): string[] {
  const ends: string[] = [];
  // The end of the month before asOf's month, unless asOf is itself a month-end.
  const endOfMonth = addDays(monthStart(asOf, -1), -1);
  let last = endOfMonth === asOf ? asOf : addDays(monthStart(asOf), -1);
  for (let i = 0; i < count; i++) {
    ends.unshift(last);
    last = addDays(monthStart(last), -1);
  }
  return ends;
}

/**
 * The expected credit loss at each of `dates`: each date's roll rates come from its own
 * trailing months. Two passes in all (the month-by-month roll flows over every month-end any
 * date needs, and the aging at the dates), so a 13-point sparkline costs about one date.
 */
export function expectedCreditLossAt(db: Database, dates: readonly string[], params: Omit<EclParams, 'asOf'>): Promise<EclResult[]> {
  // The series is remembered too: a repeated page looks up one answer.
  return db.remember('expectedCreditLossAt', { dates, params }, () => expectedCreditLossEachDate(db, dates, params));
}

/**
 * As `expectedCreditLossAt`, each date remembered on its own (the next as-of date's sparkline
 * computes only its new date), without remembering the series.
 */
export function expectedCreditLossEachDate(db: Database, dates: readonly string[], params: Omit<EclParams, 'asOf'>): Promise<EclResult[]> {
  return rememberEachDate(
    db,
    'expectedCreditLoss',
    dates,
    (date) => ({ date, params }),
    async (missing) => new Map((await computeExpectedCreditLossAt(db, missing, params)).map((r) => [r.as_of, r])),
  );
}

async function computeExpectedCreditLossAt(db: Database, dates: readonly string[], params: Omit<EclParams, 'asOf'>): Promise<EclResult[]> {
  const months = params.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new DuesightError(`The roll-rate history must be 1 to 120 months (got ${months}).`);
  }
  if (dates.length === 0) return [];
  for (const d of dates) isoDate(d, 'as-of date');
  const p = bookParams({ asOf: dates[0], buckets: params.buckets, filter: params.filter });
  const labels = bucketLabels(p.edges as number[], 'due');
  const overlay = params.overlay ?? {};
  for (const [label, value] of Object.entries(overlay)) {
    if (!labels.includes(label)) throw new DuesightError(`The overlay names bucket "${label}", which is not one of ${labels.join(', ')}.`);
    if (!Number.isFinite(value) || value < -1 || value > 1) throw new DuesightError(`The overlay for ${label} must be between -1 and 1 (got ${value}).`);
  }
  const windows = dates.map((d) => monthEndsBefore(d, months + 1));
  const { flows, balances, currency } = await db.read(async (conn) => ({
    flows: await query<StepFlow>(conn, 'roll_flows', { ...p, dates: [...new Set(windows.flat())].sort() }),
    balances: new Map((await query<BalancesRow>(conn, 'balances_at_dates', { ...p, dates: [...new Set(dates)], report_dates: [...new Set(dates)] })).map((b) => [b.date, b])),
    currency: await baseCurrency(conn),
  }));
  assertRatesFound(...flows.map((f) => f.missing_rate), ...[...balances.values()].map((b) => b.missing_rate));

  // Provisions are estimates, stated to the cent; cents add up exactly as integers.
  const cents = (x: number) => Math.round(x * 100);
  return dates.map((asOf, k) => {
    const steps = new Set(windows[k].slice(0, -1));
    const rows = rollRateRows(labels, flows.filter((f) => steps.has(f.t)).map((f) => ({ from: f.from_bucket, to: f.to_state, amount: f.amount })));
    const loss = lossRates(rows);
    const b = balances.get(asOf)!;
    const amounts = labels.map(() => 0);
    for (const bucket of b.buckets ?? []) amounts[bucket.bucket] = bucket.amount;
    const matrix = labels.map((bucket, i) => {
      const rate = Math.min(1, Math.max(0, loss[i] + (overlay[bucket] ?? 0)));
      return { bucket, balance: amounts[i], loss_rate: loss[i], overlay: overlay[bucket] ?? 0, rate, provision: cents(amounts[i] * rate) / 100 };
    });
    const ecl = matrix.reduce((s, r) => s + cents(r.provision), 0) / 100;
    const gross = b.ar - b.unapplied;
    return {
      as_of: asOf,
      currency,
      month_ends: windows[k],
      roll_rates: rows,
      loss_rates: Object.fromEntries(labels.map((l, i) => [l, loss[i]])),
      provision_matrix: matrix,
      unapplied: b.unapplied,
      ar: b.ar,
      ecl,
      coverage: gross > 0 ? ecl / gross : null,
    };
  });
}

/** Roll rates over the trailing months, loss rates, and the provision on the aging at D. */
export async function expectedCreditLoss(db: Database, params: EclParams): Promise<EclResult> {
  return (await expectedCreditLossAt(db, [params.asOf], params))[0];
}
