/** The explorer's selection: brush ranges and chosen categories, in data values (what the URL keeps and SQL applies). */

/** The measure on the scatter's vertical axis. */
export const Y_MEASURES = ['days_to_pay', 'days_beyond_terms'] as const;
export type YMeasure = (typeof Y_MEASURES)[number];

/** The categorical views, each a bar per value. */
export const CATEGORY_VIEWS = ['segment', 'region', 'method', 'terms', 'tier'] as const;
export type CategoryView = (typeof CATEGORY_VIEWS)[number];

/** Every view of the page: the scatter, the days-beyond-terms histogram, the monthly bars and the category bars. */
export const VIEW_IDS = ['scatter', 'dbt', 'month', ...CATEGORY_VIEWS] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** A half-open range [lo, hi) of a numeric value. */
export type Range = readonly [lo: number, hi: number];

/** A range of months, both ends included, as YYYY-MM. */
export type MonthRange = readonly [first: string, last: string];

/**
 * A category value: a name (or, for terms, a number of days), or null for "none" (a customer
 * without a segment, an invoice with no payment method).
 */
export type CategoryValue = string | number | null;

/** What the reader has picked; a null part filters nothing. */
export interface Selection {
  /** The scatter's vertical measure. */
  y: YMeasure;
  /** The scatter brush: amount in the base currency, [lo, hi). */
  amount: Range | null;
  /** The scatter brush: days of the `y` measure, [lo, hi). */
  ydays: Range | null;
  /** The histogram brush: days beyond terms, [lo, hi). */
  dbt: Range | null;
  /** The monthly bars: invoice months, both ends included. */
  month: MonthRange | null;
  /** The chosen bars of each category view (never an empty list: no choice is null). */
  categories: Record<CategoryView, readonly CategoryValue[] | null>;
}

/** A selection that filters nothing, with the scatter showing days to pay. */
export function emptySelection(y: YMeasure = 'days_to_pay'): Selection {
  return {
    y,
    amount: null,
    ydays: null,
    dbt: null,
    month: null,
    categories: { segment: null, region: null, method: null, terms: null, tier: null },
  };
}

/** Whether `s` filters anything. */
export function isFiltered(s: Selection): boolean {
  return !!(s.amount || s.ydays || s.dbt || s.month || CATEGORY_VIEWS.some((v) => s.categories[v]));
}

/** `values` with `value` added, or removed when present; null when nothing is left. */
export function toggleCategory(values: readonly CategoryValue[] | null, value: CategoryValue): readonly CategoryValue[] | null {
  const current = values ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return next.length ? next : null;
}

/** The month (YYYY-MM) of a day count since 1970-01-01. */
export function monthOfDays(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 7);
}

/** The day count since 1970-01-01 of the first day of `month` (YYYY-MM). */
export function daysOfMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) / 86_400_000;
}

/** Every month (YYYY-MM) from `first` to `last`, both included, none skipped. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; ) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number);
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  return months;
}
