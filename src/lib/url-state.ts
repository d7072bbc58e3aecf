/** What a page's URL query names (as-of date, filters, table state), shared by the server and the browser. */

/** The query parameters every page shares: the view a bookmark keeps. */
export const VIEW_PARAMS = ['as_of', 'segment', 'region', 'currency'] as const;
/** The filters among them, each matched against a customer field. */
export const FILTER_PARAMS = ['segment', 'region', 'currency'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** The as-of date and filters of a request, after validation. */
export interface ViewState {
  /** ISO date D. */
  asOf: string;
  /** True when the URL names no date and the book's last date is used. */
  latest: boolean;
  segment: string | null;
  region: string | null;
  currency: string | null;
}

/** The aging table's own parameters. */
export const AGING_PARAMS = ['buckets', 'sort', 'page', 'q'] as const;
/** Rows per page of the aging table. */
export const AGING_PAGE_SIZE = 50;
/** The longest customer search accepted. */
export const SEARCH_MAX_LENGTH = 100;

type Changes = Record<string, string | number | null | undefined>;

/** `url`'s query with some parameters changed (null, undefined or '' removes one), as a relative href. */
export function hrefWith(url: URL, changes: Changes, pathname = url.pathname): string {
  const params = new URLSearchParams(url.searchParams);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Characters application/x-www-form-urlencoded leaves as they are. */
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/;

/** `text` encoded as URLSearchParams writes it (space as +; ! ' ( ) ~ escaped, unlike encodeURIComponent). */
export function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  try {
    return encodeURIComponent(text).replace(/[!'()~]|%20/g, (c) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD.
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
}

/** The view parameters of the last query string asked about (a page's links share one URL). */
let lastView: { search: string; entries: [string, string][] } | null = null;

function viewEntries(url: URL): [string, string][] {
  if (lastView?.search !== url.search) {
    const entries: [string, string][] = [];
    for (const key of VIEW_PARAMS) {
      const value = url.searchParams.get(key);
      if (value) entries.push([key, value]);
    }
    lastView = { search: url.search, entries };
  }
  return lastView.entries;
}

/**
 * A link to `pathname` that keeps only the view (as-of date and filters) of `url`, with `extra`
 * parameters set: the text `new URLSearchParams` would write, built directly (tables call this
 * for every cell).
 */
export function viewHref(url: URL, pathname: string, extra: Changes = {}): string {
  let entries = viewEntries(url);
  let copied = false;
  for (const key in extra) {
    const value = extra[key];
    if (value === null || value === undefined || value === '') continue;
    if (!copied) {
      entries = entries.slice();
      copied = true;
    }
    const at = entries.findIndex(([k]) => k === key);
    if (at >= 0) entries[at] = [key, String(value)];
    else entries.push([key, String(value)]);
  }
  if (entries.length === 0) return pathname;
  let query = '';
  for (const [key, value] of entries) query += `${query ? '&' : ''}${formEncode(key)}=${formEncode(value)}`;
  return `${pathname}?${query}`;
}

/** The query parameters of `url` to carry along as hidden fields of a GET form that sets `own`. */
export function carriedParams(url: URL, own: readonly string[]): [string, string][] {
  return [...url.searchParams.entries()].filter(([key, value]) => value !== '' && !own.includes(key));
}

/** A table's sort: `sort=-ar` in the URL is AR descending, `sort=name` is name ascending. */
export interface SortState {
  key: string;
  desc: boolean;
}

/** Reads `sort`, keeping only allow-listed keys; anything else gives `fallback`. */
export function parseSort(raw: string | null, allowed: readonly string[], fallback: SortState): SortState {
  if (!raw) return fallback;
  const desc = raw.startsWith('-');
  const key = desc ? raw.slice(1) : raw;
  return allowed.includes(key) ? { key, desc } : fallback;
}

/** The URL value of a sort. */
export function sortParam(sort: SortState): string {
  return sort.desc ? `-${sort.key}` : sort.key;
}

/** The sort after choosing column `key`: the same column flips, a new one starts in its natural direction. */
export function nextSort(current: SortState, key: string, startDescending: boolean): SortState {
  return current.key === key ? { key, desc: !current.desc } : { key, desc: startDescending };
}

/** A GET form's fields as a query, without empty values (so URLs stay short and bookmarkable). */
export function formQuery(form: HTMLFormElement, submitter?: HTMLElement | null): string {
  const data = new FormData(form, submitter instanceof HTMLButtonElement ? submitter : undefined);
  const params = new URLSearchParams();
  for (const [key, value] of data.entries()) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  return params.toString();
}
