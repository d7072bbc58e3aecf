/** The explorer's per-invoice columns and request parameters: one allow-list shared by the endpoint and the page. */

/**
 * Every column the explorer's Arrow endpoint can send, with the Arrow type that arrives and what
 * it holds. One row per invoice dated on or before the as-of date D.
 */
export const EXPLORE_COLUMN_TYPES = {
  /** Utf8: the invoice's own id (left out of the dense views: the list and export fetch ids from the server). */
  invoice_id: 'Utf8',
  /** Dictionary<Utf8, Int32>: the customer id; the index is the customer's position in the dictionary. */
  customer: 'Dictionary<Utf8, Int32>',
  /**
   * Float64: the amount in the base currency at the invoice date's rate, rounded to the cent in
   * DuckDB (DECIMAL(18,2) → DOUBLE). Every value is a whole number of cents, so the browser
   * adds them up as integer cents (Math.round(x × 100)), exactly.
   */
  amount: 'Float64',
  /** Int32, null while open at D: settle date − invoice date. */
  days_to_pay: 'Int32',
  /** Int32, null while open at D: settle date − due date, signed (negative = paid before the due date). */
  days_beyond_terms: 'Int32',
  /** DateDay (days since 1970-01-01): the first day of the invoice's month. */
  invoice_month: 'DateDay',
  /** DateDay: the invoice date. */
  invoice_date: 'DateDay',
  /** DateDay: the due date. */
  due_date: 'DateDay',
  /** DateDay, null while open at D: the day the open amount reached zero. */
  settle_date: 'DateDay',
  /** Int32: the invoice's own terms in days, due date − invoice date. */
  terms: 'Int32',
  /** Dictionary<Utf8, Int16>, null when the customer has none: the customer's segment. */
  segment: 'Dictionary<Utf8, Int16>',
  /** Dictionary<Utf8, Int16>, null when the customer has none: the customer's region. */
  region: 'Dictionary<Utf8, Int16>',
  /** Dictionary<Utf8, Int16>, null when no payment was applied by D: the method of the invoice's last payment. */
  method: 'Dictionary<Utf8, Int16>',
  /** Dictionary<Utf8, Int16>: the invoice's currency. */
  currency: 'Dictionary<Utf8, Int16>',
  /** Dictionary<Utf8, Int16>, null for a customer without a score: the customer's risk tier at D. */
  tier: 'Dictionary<Utf8, Int16>',
} as const;

/** A column the Arrow endpoint can send. */
export type ExploreColumn = keyof typeof EXPLORE_COLUMN_TYPES;

/** Every column name, in the order the endpoint sends them. */
export const EXPLORE_COLUMNS = Object.keys(EXPLORE_COLUMN_TYPES) as ExploreColumn[];

/** The columns the Explore page asks for: everything its views bin, no invoice ids. */
export const DENSE_COLUMNS: readonly ExploreColumn[] = [
  'customer', 'amount', 'days_to_pay', 'days_beyond_terms', 'invoice_month', 'terms', 'segment', 'region', 'method', 'tier',
];

/** The server-side filters the explorer's endpoints take (values checked against the book). */
export const EXPLORE_FILTERS = ['segment', 'region', 'currency', 'tier'] as const;
export type ExploreFilter = (typeof EXPLORE_FILTERS)[number];

/** The media type of an Arrow IPC stream. */
export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/**
 * The most invoices the page takes as Arrow columns; a larger view is answered with server-side
 * binned aggregates instead.
 */
export const MAX_BROWSER_INVOICES = 1_000_000;

/** Whether `name` is a column the endpoint can send. */
export function isExploreColumn(name: string): name is ExploreColumn {
  return Object.hasOwn(EXPLORE_COLUMN_TYPES, name);
}
