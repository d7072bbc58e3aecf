/** What an explorer request covers (as-of date, server-side filters, columns, selection), checked: anything unknown is a 400. */
import { error } from '@sveltejs/kit';
import { EXPLORE_COLUMNS, EXPLORE_FILTERS, isExploreColumn, type ExploreColumn } from '../../explore/columns.ts';
import type { Selection } from '../../explore/selection.ts';
import { decodeSelection, SELECTION_PARAMS } from '../../explore/url-codec.ts';
import { TIERS } from '../../risk/types.ts';
import type { BookBounds } from '../book.ts';
import { viewFromUrl } from '../page-params.ts';

/** The invoices an explorer request is about. */
export interface ExploreScope {
  asOf: string;
  segment: string | null;
  region: string | null;
  currency: string | null;
  tier: string | null;
}

/** Parameters the layout's links add to every page and the endpoints ignore. */
const IGNORED_PARAMS = ['lang'];

/** Refuses a parameter that is not in `allowed`, naming those that are. */
function refuseUnknown(url: URL, allowed: readonly string[]): void {
  for (const name of new Set(url.searchParams.keys())) {
    if (!allowed.includes(name) && !IGNORED_PARAMS.includes(name)) {
      error(400, `Unknown parameter "${name}": this address takes ${allowed.join(', ')}.`);
    }
  }
}

/** The as-of date and filters of `url` (a date or filter value outside the book is a 400). */
function scopeOf(url: URL, bounds: BookBounds): ExploreScope {
  const view = viewFromUrl(url, bounds);
  if (!view) error(404, 'The book is empty: there are no invoices to explore.');
  const tier = url.searchParams.get('tier')?.trim() || null;
  if (tier !== null && !(TIERS as readonly string[]).includes(tier)) {
    error(400, `There is no tier "${tier}"; the tiers are: ${TIERS.join(', ')}.`);
  }
  return { asOf: view.asOf, segment: view.segment, region: view.region, currency: view.currency, tier };
}

/**
 * The scope and columns of an Arrow data request: `as_of`, the filters `segment`, `region`,
 * `currency` and `tier`, and `columns` (comma-separated; all when absent). An unknown parameter
 * or column is a 400 naming the accepted ones.
 */
export function dataRequestFromUrl(url: URL, bounds: BookBounds): { scope: ExploreScope; columns: ExploreColumn[] } {
  refuseUnknown(url, ['as_of', ...EXPLORE_FILTERS, 'columns']);
  const scope = scopeOf(url, bounds);
  const raw = url.searchParams.get('columns');
  if (raw === null) return { scope, columns: [...EXPLORE_COLUMNS] };
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) error(400, `No columns asked for; the columns are: ${EXPLORE_COLUMNS.join(', ')}.`);
  const unknown = names.filter((n) => !isExploreColumn(n));
  if (unknown.length) error(400, `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the columns are: ${EXPLORE_COLUMNS.join(', ')}.`);
  return { scope, columns: [...new Set(names)] as ExploreColumn[] };
}

/**
 * The scope and selection of a request about the selected invoices (list, export, bins), plus
 * the endpoint's own parameters `extra`. An unreadable selection is a 400.
 */
export function selectionRequestFromUrl(url: URL, bounds: BookBounds, extra: readonly string[] = []): { scope: ExploreScope; selection: Selection } {
  refuseUnknown(url, ['as_of', ...EXPLORE_FILTERS, ...SELECTION_PARAMS, ...extra]);
  const scope = scopeOf(url, bounds);
  const { selection, problems } = decodeSelection(url.searchParams);
  if (problems.length) error(400, problems.join(' '));
  return { scope, selection };
}
