/** Turns the public parameters of a KPI or aging request into the bound values of queries/. */
import { parseBucketEdges } from '../buckets.ts';
import type { AgingBasis, BookFilter } from '../types.ts';
import { DuesightError } from './errors.ts';
import type { Params } from './sql.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an ISO date (YYYY-MM-DD) that really exists, naming `what` when it does not. */
export function isoDate(value: string, what = 'date'): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new DuesightError(`The ${what} "${value}" is not a date in the form YYYY-MM-DD.`);
  }
  return value;
}

/** `iso` moved by `days` (negative = earlier). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first day of the month `monthsBack` months before `iso`'s month. */
export function monthStart(iso: string, monthsBack = 0): string {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The window length W, checked. */
export function windowDays(value: number | undefined): number {
  const w = value ?? 90;
  if (!Number.isInteger(w) || w < 1 || w > 3660) {
    throw new DuesightError(`The window must be a whole number of days from 1 to 3660 (got ${w}).`);
  }
  return w;
}

/** The bound values of every book query: as-of D, window start S, edges, basis and filter. */
export function bookParams(opts: {
  asOf: string;
  windowDays?: number;
  buckets?: readonly number[] | string;
  basis?: AgingBasis;
  filter?: BookFilter;
}): Params {
  const asOf = isoDate(opts.asOf, 'as-of date');
  const w = windowDays(opts.windowDays);
  let edges: number[];
  try {
    edges = parseBucketEdges(opts.buckets);
  } catch (err) {
    throw new DuesightError((err as Error).message);
  }
  const basis = opts.basis ?? 'due';
  if (basis !== 'due' && basis !== 'invoice') throw new DuesightError(`The aging basis must be "due" or "invoice" (got "${basis}").`);
  const f = opts.filter ?? {};
  return {
    as_of: asOf,
    start: addDays(asOf, -w),
    window_days: w,
    countback_from: monthStart(asOf, 23),
    edges,
    basis,
    segment: f.segment ?? null,
    region: f.region ?? null,
    currency: f.currency ?? null,
    customer_id: f.customer_id ?? null,
  };
}

/** Throws the spec's "clear error naming currency and date" when a query found a rate missing. */
export function assertRatesFound(...missing: (string | null | undefined)[]): void {
  const first = missing.find((m) => m);
  if (first) {
    const [currency, , date] = first.split(' ');
    throw new DuesightError(
      `No FX rate for ${currency} on or before ${date}: import one with "duesight import fx-rates FILE" (date, currency, rate_to_base).`,
      { currency, date },
    );
  }
}
