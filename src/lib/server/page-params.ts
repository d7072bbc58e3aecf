/** Reads and checks a page's URL query against the book: bad values become a 400 the reader can act on. */
import { error, isHttpError } from '@sveltejs/kit';
import { bucketLabels, parseBucketEdges } from '../buckets.ts';
import { TIERS, type Tier } from '../risk/types.ts';
import type { BookFilter } from '../types.ts';
import {
  AGING_PAGE_SIZE,
  FILTER_PARAMS,
  SEARCH_MAX_LENGTH,
  parseSort,
  type SortState,
  type ViewState,
} from '../url-state.ts';
import type { BookBounds } from './book.ts';
import { DuesightError } from './errors.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A parameter's value, or null when it is absent or blank (an empty select submits ""). */
function param(url: URL, name: string): string | null {
  const value = url.searchParams.get(name);
  return value === null || value.trim() === '' ? null : value.trim();
}

/**
 * The as-of date and filters of `url`. No `as_of` means the book's last date. A date outside
 * the book, or a filter value the book does not hold, is a 400 naming what would be accepted.
 * Returns null for an empty book (there is nothing to view).
 */
export function viewFromUrl(url: URL, bounds: BookBounds): ViewState | null {
  if (!bounds.last_date || !bounds.first_date) return null;
  const raw = param(url, 'as_of');
  let asOf = bounds.last_date;
  if (raw !== null) {
    if (!isRealDate(raw)) error(400, `The as-of date "${raw}" is not a date in the form YYYY-MM-DD.`);
    if (raw < bounds.first_date || raw > bounds.last_date) {
      error(400, `The as-of date ${raw} is outside the book, which runs from ${bounds.first_date} to ${bounds.last_date}.`);
    }
    asOf = raw;
  }
  const allowed: Record<(typeof FILTER_PARAMS)[number], string[]> = {
    segment: bounds.segments,
    region: bounds.regions,
    currency: bounds.currencies,
  };
  const view: ViewState = { asOf, latest: raw === null, segment: null, region: null, currency: null };
  for (const name of FILTER_PARAMS) {
    const value = param(url, name);
    if (value === null) continue;
    if (!allowed[name].includes(value)) {
      const choices = allowed[name].length ? allowed[name].join(', ') : 'none';
      error(400, `The book has no ${name} "${value}"; it has: ${choices}.`);
    }
    view[name] = value;
  }
  return view;
}

/** What went wrong with a URL's query, for the page to report. */
export interface QueryProblem {
  status: number;
  message: string;
}

/** `viewFromUrl`, with a 400 returned as a value (for the root layout, whose own errors skip the app's error page). */
export function viewOrProblem(url: URL, bounds: BookBounds): { view: ViewState | null; problem: QueryProblem | null } {
  try {
    return { view: viewFromUrl(url, bounds), problem: null };
  } catch (err) {
    if (isHttpError(err)) return { view: null, problem: { status: err.status, message: err.body.message } };
    throw err;
  }
}

/** The view a page works on: throws the layout's query problem, or null for an empty book. */
export function requireView(parent: { view: ViewState | null; problem: QueryProblem | null }): ViewState | null {
  if (parent.problem) error(parent.problem.status, parent.problem.message);
  return parent.view;
}

/** The view's filter in the form the server functions take. */
export function bookFilter(view: ViewState): BookFilter {
  const filter: BookFilter = {};
  if (view.segment) filter.segment = view.segment;
  if (view.region) filter.region = view.region;
  if (view.currency) filter.currency = view.currency;
  return filter;
}

/** The aging table's columns that can be sorted on, besides the bucket labels. */
export const AGING_SORT_COLUMNS = ['customer_id', 'name', 'ar', 'unapplied', 'overdue', 'overdue_ratio', 'credit_limit', 'utilisation', 'dbt'] as const;

/** The aging page's own parameters, checked. */
export interface AgingTableParams {
  edges: number[];
  labels: string[];
  /** The `buckets` value as the URL should carry it, or null for the default. */
  bucketsParam: string | null;
  sort: SortState;
  /** 1-based. */
  page: number;
  /** The customer search, or '' for none. */
  q: string;
}

/**
 * Buckets (?buckets=30,60,90,120, checked by parseBucketEdges), sort (allow-listed: a key that
 * is not a column, e.g. a bucket of other edges, falls back to AR descending), page (a whole
 * number ≥ 1) and the customer search.
 */
export function agingParamsFromUrl(url: URL): AgingTableParams {
  const rawBuckets = param(url, 'buckets');
  let edges: number[];
  try {
    edges = parseBucketEdges(rawBuckets ?? undefined);
  } catch (err) {
    error(400, (err as Error).message);
  }
  const labels = bucketLabels(edges, 'due');
  const sort = parseSort(param(url, 'sort'), [...AGING_SORT_COLUMNS, ...labels], { key: 'ar', desc: true });
  return { edges, labels, bucketsParam: rawBuckets === null ? null : edges.join(','), sort, page: pageFromUrl(url), q: searchFromUrl(url) };
}

/** The 1-based page of a table paged on the server (?page=, default 1); not a whole number from 1 is a 400. */
export function pageFromUrl(url: URL): number {
  const rawPage = param(url, 'page');
  if (rawPage === null) return 1;
  if (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1) error(400, `The page "${rawPage}" is not a whole number from 1.`);
  return Number(rawPage);
}

/** The customer search (?q=), trimmed and cut to SEARCH_MAX_LENGTH; '' for none. */
export function searchFromUrl(url: URL): string {
  return (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
}

/** The tier filter (?tier=): one of the risk engine's tiers, or null for all; anything else is a 400 naming them. */
export function tierFromUrl(url: URL): Tier | null {
  const value = param(url, 'tier');
  if (value === null) return null;
  if (!(TIERS as readonly string[]).includes(value)) error(400, `There is no tier "${value}"; the tiers are: ${TIERS.join(', ')}.`);
  return value as Tier;
}

/** The rows of one page, and the page actually shown (a page past the end shows the last). */
export function pageOf<T>(rows: readonly T[], page: number, size = AGING_PAGE_SIZE): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(page, pages);
  return { rows: rows.slice((shown - 1) * size, shown * size), page: shown, pages };
}

/** The last day of `iso`'s month. */
function monthEndOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The months (YYYY-MM, for kpiTrend) of the `count` month-ends on or before `asOf`, starting
 * no earlier than the month of `firstDate` (before it the book is empty); null when there is none.
 */
export function monthEndRange(asOf: string, count: number, firstDate: string): { from: string; to: string } | null {
  const [y, m] = asOf.split('-').map(Number);
  let last = y * 12 + m - 1;
  if (monthEndOf(asOf) !== asOf) last -= 1;
  const [fy, fm] = firstDate.split('-').map(Number);
  const first = Math.max(last - count + 1, fy * 12 + fm - 1);
  if (first > last) return null;
  const ym = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  return { from: ym(first), to: ym(last) };
}

/** True when `iso` is the last day of its month. */
export function isMonthEnd(iso: string): boolean {
  return monthEndOf(iso) === iso;
}

/** Turns a DuesightError (e.g. a missing FX rate) into an HTTP error with its message; rethrows anything else. */
export function asHttpError(err: unknown): never {
  if (err instanceof DuesightError) error(422, err.message);
  throw err;
}
