/** Aging as of a date (spec/kpis.md): portfolio buckets, per customer, and per transaction currency. */
import { bucketLabels } from '../buckets.ts';
import type { AgingBasis, BookFilter, CustomerAging } from '../types.ts';
import { assertRatesFound, bookParams } from './book-params.ts';
import type { Database } from './db.ts';
import type { BalancesRow } from './kpis.ts';
import { query } from './sql.ts';

/** What an aging request names: D, the bucket edges, the basis and the part of the book. */
export interface AgingParams {
  asOf: string;
  buckets?: readonly number[] | string;
  basis?: AgingBasis;
  filter?: BookFilter;
  /** W for the per-customer behaviour columns (dbt, days_to_pay, on_time_rate); default 90. */
  windowDays?: number;
}

export interface AgingBucket {
  label: string;
  amount: number;
  invoices: number;
}

/** The portfolio's buckets; buckets + unapplied = AR. */
export interface AgingSummary {
  as_of: string;
  basis: AgingBasis;
  buckets: AgingBucket[];
  unapplied: number;
  ar: number;
}

/** One transaction currency's aging, in that currency, with the rate that converts it. */
export interface CurrencyAging {
  currency: string;
  rate: number | null;
  buckets: AgingBucket[];
  unapplied: number;
}

type BucketAmounts = { bucket: number; amount: number; invoices?: number }[] | null;

function fillBuckets(labels: string[], found: BucketAmounts): AgingBucket[] {
  const buckets = labels.map((label) => ({ label, amount: 0, invoices: 0 }));
  for (const b of found ?? []) {
    buckets[b.bucket].amount = b.amount;
    buckets[b.bucket].invoices = b.invoices ?? 0;
  }
  return buckets;
}

/** The portfolio aging at D. */
export async function agingSummary(db: Database, params: AgingParams): Promise<AgingSummary> {
  // Keyed by the parameters as resolved (defaults filled in), so equal views share one answer.
  return db.remember('agingSummary', bookParams(params), () => computeAgingSummary(db, params));
}

async function computeAgingSummary(db: Database, params: AgingParams): Promise<AgingSummary> {
  const p = bookParams(params);
  const basis = p.basis as AgingBasis;
  const [row] = await db.read((conn) => query<BalancesRow>(conn, 'balances_at_dates', { ...p, dates: [p.as_of as string], report_dates: [p.as_of as string] }));
  assertRatesFound(row.missing_rate);
  return {
    as_of: p.as_of as string,
    basis,
    buckets: fillBuckets(bucketLabels(p.edges as number[], basis), row.buckets),
    unapplied: row.unapplied,
    ar: row.ar,
  };
}

/** The aging table by customer: one row per customer with a non-zero balance, largest first. */
export async function agingByCustomer(db: Database, params: AgingParams): Promise<CustomerAging[]> {
  // Keyed by the parameters as resolved (defaults filled in), so equal views share one answer.
  return db.remember('agingByCustomer', bookParams(params), () => customerAgingAt(db, params));
}

/** The aging table by customer, as `agingByCustomer`, computed now and not remembered. */
export async function customerAgingAt(db: Database, params: AgingParams): Promise<CustomerAging[]> {
  const p = bookParams(params);
  const labels = bucketLabels(p.edges as number[], p.basis as AgingBasis);
  const rows = await db.read((conn) => query<Record<string, unknown>>(conn, 'aging_by_customer', p));
  assertRatesFound(...rows.map((r) => r.missing_rate as string | null));
  return rows.map((r) => {
    const out: CustomerAging = { customer_id: r.customer_id as string, name: r.name as string, ar: r.ar as number } as CustomerAging;
    for (const b of fillBuckets(labels, r.buckets as BucketAmounts)) out[b.label] = b.amount;
    Object.assign(out, {
      unapplied: r.unapplied,
      overdue: r.overdue,
      credit_limit: r.credit_limit,
      utilisation: r.utilisation,
      dbt: r.dbt,
      days_to_pay: r.days_to_pay,
      on_time_rate: r.on_time_rate,
    });
    return out;
  });
}

/** The aging per transaction currency (each in its own money), beside the base-currency view. */
export async function agingByCurrency(db: Database, params: AgingParams): Promise<CurrencyAging[]> {
  return db.remember('agingByCurrency', bookParams(params), async () => {
    const p = bookParams(params);
    const labels = bucketLabels(p.edges as number[], p.basis as AgingBasis);
    const rows = await db.read((conn) =>
      query<{ currency: string; rate: number | null; buckets: BucketAmounts; unapplied: number }>(conn, 'aging_by_currency', p),
    );
    return rows.map((r) => ({ currency: r.currency, rate: r.rate, buckets: fillBuckets(labels, r.buckets), unapplied: r.unapplied }));
  });
}
