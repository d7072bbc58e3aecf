/** One customer as of D: master data, its aging line, payment timeline, days beyond terms of its settled invoices, score history. */
import type { BookFilter, CustomerAging } from '../types.ts';
import { agingByCustomer } from './aging.ts';
import { assertRatesFound, isoDate } from './book-params.ts';
import type { Database } from './db.ts';
import { DuesightError } from './errors.ts';
import { query } from './sql.ts';

/** A customer's master data, with its credit limit also in the base currency at D's rate. */
export interface CustomerProfile {
  customer_id: string;
  name: string;
  segment: string | null;
  region: string | null;
  country: string | null;
  currency: string;
  payment_terms_days: number;
  /** In the customer's own currency; null without a limit. */
  credit_limit: number | null;
  credit_limit_base: number | null;
  /** The span and count of its invoices booked by D (nulls and 0 for none). */
  first_invoice: string | null;
  last_invoice: string | null;
  invoices: number;
}

/** The customer's master data as of D; null when the book has no such customer. */
export function customerProfile(db: Database, customerId: string, asOf: string): Promise<CustomerProfile | null> {
  const params = { customer_id: customerId, as_of: isoDate(asOf, 'as-of date') };
  return db.remember('customerProfile', params, async () => {
    const [row] = await db.read((conn) => query<CustomerProfile>(conn, 'customer_profile', params));
    return row ?? null;
  });
}

/**
 * The customer's line of the aging table at D (null when it owes nothing). Read from the aging
 * of the view `filter` the page was reached from, which the overview, the aging table and the
 * customers list have usually computed already; a customer outside that view is aged alone.
 */
export async function customerAging(db: Database, customerId: string, asOf: string, filter: BookFilter = {}): Promise<CustomerAging | null> {
  const inView = await agingByCustomer(db, { asOf, filter });
  const row = inView.find((r) => r.customer_id === customerId);
  if (row || Object.keys(filter).length === 0) return row ?? null;
  // Not in the view's table: it owes nothing, or the view's filter leaves it out.
  const [alone] = await agingByCustomer(db, { asOf, filter: { customer_id: customerId } });
  return alone ?? null;
}

/** One bar of the payment timeline: an invoice from its date to its settlement (or to D while open). */
export interface TimelineInvoice {
  invoice_id: string;
  invoice_date: string;
  due_date: string;
  /** The settle date when on or before D; null while open at D. */
  settle_date: string | null;
  amount: number;
  currency: string;
  disputed: boolean;
  written_off: boolean;
  /** (settle date, or D while open) − due date; ≤ 0 is on time. */
  days_late: number;
}

/** The invoices of a customer's payment timeline, and which part of its history they are. */
export interface PaymentTimeline {
  as_of: string;
  /** The window shown: invoices open at some time in the `months` months to D (from `window_start`). */
  months: number;
  window_start: string;
  /** Invoices in that window; more than `invoices.length` when only the latest are shown. */
  in_window: number;
  /** The customer's invoices booked by D. */
  booked: number;
  /** Latest invoice date first. */
  invoices: TimelineInvoice[];
}

/** The windows the timeline may show, longest first: the longest holding at most `maxInvoices` is chosen. */
export const TIMELINE_MONTHS = [36, 24, 12, 6, 3] as const;
/** The most bars a timeline draws. */
export const TIMELINE_MAX_INVOICES = 150;

/**
 * A customer's invoices from issue to settlement as of D: all of them when few, else those open
 * at some time in the last N months (N the longest of TIMELINE_MONTHS that holds at most
 * `maxInvoices`), and at most the latest `maxInvoices` of those.
 */
export function paymentTimeline(db: Database, customerId: string, asOf: string, maxInvoices = TIMELINE_MAX_INVOICES): Promise<PaymentTimeline> {
  return db.remember('paymentTimeline', { customerId, asOf, maxInvoices }, () => computePaymentTimeline(db, customerId, asOf, maxInvoices));
}

async function computePaymentTimeline(db: Database, customerId: string, asOf: string, maxInvoices: number): Promise<PaymentTimeline> {
  const as_of = isoDate(asOf, 'as-of date');
  const rows = await db.read((conn) =>
    query<TimelineInvoice & { months: number; window_start: string; in_window: number; booked: number }>(conn, 'customer_payment_timeline', {
      customer_id: customerId,
      as_of,
      months: [...TIMELINE_MONTHS],
      max_invoices: maxInvoices,
    }),
  );
  // There is always a row: with nothing to show, one without an invoice says which window was chosen.
  const [first] = rows;
  const invoices = rows
    .filter((r) => r.invoice_id !== null)
    .map(({ months: _m, window_start: _w, in_window: _i, booked: _b, ...invoice }) => invoice);
  return {
    as_of,
    months: first.months,
    window_start: first.window_start,
    in_window: first.in_window,
    booked: first.booked,
    invoices,
  };
}

/** The lower edges (days beyond terms) of the histogram's bins after the first (on time): 1–7, 8–14, 15–30, … 121+. */
export const DBT_BIN_EDGES = [1, 8, 15, 31, 46, 61, 91, 121] as const;

/** One bin of the days-beyond-terms histogram. */
export interface DbtBin {
  /** Days beyond terms from `from` to `to` inclusive (`to` null: and more). */
  from: number;
  to: number | null;
  invoices: number;
  /** The invoices' amounts in the base currency at their invoice dates' rates. */
  amount: number;
  /** amount / the amount of all bins (0 when there is none). */
  share: number;
}

/** The days beyond terms of a customer's invoices settled in a window ending at D. */
export interface DbtHistogram {
  /** The window (start, as_of]: invoices settled after `start`, up to D. */
  start: string;
  as_of: string;
  months: number;
  bins: DbtBin[];
}

/** Bins of `edges`: on time (0 days), then one per edge up to the next. */
export function dbtBins(edges: readonly number[] = DBT_BIN_EDGES): Omit<DbtBin, 'invoices' | 'amount' | 'share'>[] {
  const lows = [0, ...edges];
  return lows.map((from, k) => ({ from, to: k + 1 < lows.length ? lows[k + 1] - 1 : null }));
}

/** The customer's invoices settled in the `months` months to D, by days beyond terms, with counts and amounts. */
export function daysBeyondTermsHistogram(db: Database, customerId: string, asOf: string, months = 12): Promise<DbtHistogram> {
  return db.remember('daysBeyondTermsHistogram', { customerId, asOf, months }, () => computeHistogram(db, customerId, asOf, months));
}

async function computeHistogram(db: Database, customerId: string, asOf: string, months: number): Promise<DbtHistogram> {
  const as_of = isoDate(asOf, 'as-of date');
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new DuesightError(`The histogram covers 1 to 120 months (got ${months}).`);
  // The same calendar span as "the last N months" elsewhere: from the day after D − N months.
  const start = monthShift(as_of, -months);
  const found = await db.read((conn) =>
    query<{ bin: number; invoices: number; amount: number | null; share: number | null; missing_rate: string | null }>(conn, 'customer_days_beyond_terms', {
      customer_id: customerId,
      as_of,
      start,
      bin_edges: [...DBT_BIN_EDGES],
    }),
  );
  assertRatesFound(...found.map((r) => r.missing_rate));
  const bins: DbtBin[] = dbtBins().map((b) => ({ ...b, invoices: 0, amount: 0, share: 0 }));
  for (const r of found) Object.assign(bins[r.bin], { invoices: r.invoices, amount: r.amount ?? 0, share: r.share ?? 0 });
  return { start, as_of, months, bins };
}


/** `iso` moved by whole months, the day clamped to the month's end (as DuckDB's date − INTERVAL does). */
function monthShift(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
