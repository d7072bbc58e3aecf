/** The customers list as the page shows it: its sortable columns, the tier filter, and the order of rows. */
import type { CustomerListRow } from '$lib/server/customer-list';
import type { Tier } from '$lib/risk/types';
import type { SortState } from '$lib/url-state';
import { sortByColumn } from '$lib/sort-rows';

/** The columns the list sorts on (an allow-list: anything else falls back to AR, largest first). */
export const CUSTOMER_SORT_COLUMNS = ['name', 'segment', 'region', 'score', 'tier', 'ar', 'overdue', 'overdue_ratio', 'credit_limit', 'utilisation'] as const;
/** The list's own query parameters (the view's as-of date and filters come on top). */
export const CUSTOMER_LIST_PARAMS = ['tier', 'q', 'sort', 'page'] as const;
/** Rows per page. */
export const CUSTOMERS_PAGE_SIZE = 50;
/** The default order: largest balance first. */
export const DEFAULT_CUSTOMER_SORT: SortState = { key: 'ar', desc: true };

/** Columns sorted as text. */
const TEXT_COLUMNS = new Set(['name', 'segment', 'region']);
/** Columns that need the risk engine's scores to sort or filter on. */
export const SCORE_COLUMNS = new Set(['score', 'tier']);

/** Tiers from safest to riskiest, as numbers to sort on; unrated has none (it sorts last, like an empty value). */
const TIER_RANK: Record<Tier, number | null> = { vip: 0, standard: 1, watch: 2, high_risk: 3, unrated: null };

/** Whether a column starts descending when first chosen: amounts and tiers (riskiest) first; names and scores (lowest first) ascending. */
export function startsDescending(key: string): boolean {
  return !TEXT_COLUMNS.has(key) && key !== 'score';
}

function cell(r: CustomerListRow, key: string): string | number | null {
  if (key === 'tier') return r.tier === null ? null : TIER_RANK[r.tier];
  const v = r[key as keyof CustomerListRow];
  return v === undefined ? null : v;
}

/** Rows in the order of `sort`: empty values (no score, no limit) last either way, ties by customer id. */
export function sortCustomers(rows: readonly CustomerListRow[], sort: SortState): CustomerListRow[] {
  return sortByColumn(rows, sort, cell, (a, b) => a.customer_id.localeCompare(b.customer_id, 'en', { numeric: true }));
}

/** The rows of one tier, or all of them for no tier. */
export function rowsOfTier(rows: readonly CustomerListRow[], tier: Tier | null): CustomerListRow[] {
  return tier === null ? [...rows] : rows.filter((r) => r.tier === tier);
}
