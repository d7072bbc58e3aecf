/** Types shared by the server, the CLI and the browser: the public shapes of Duesight's answers. */

/** The kinds of file `duesight import` takes. */
export const IMPORT_KINDS = ['customers', 'invoices', 'payments', 'adjustments', 'fx-rates', 'ledger'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One rejected row: the file's own row number (header = 1), the column, the value, and why. */
export interface ImportRowError {
  row: number;
  column: string;
  value: string | null;
  message: string;
}

/** What `import --json` prints (spec/interfaces.md), plus what the import log recorded. */
export interface ImportReport {
  kind: ImportKind;
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  errors: ImportRowError[];
  /** Rows that were new to the database (re-imports add 0). */
  inserted: number;
  dry_run: boolean;
  /** 'imported': written; 'rejected': nothing written because of bad rows; 'unchanged': dry run or nothing new. */
  status: 'imported' | 'rejected' | 'unchanged';
  import_id: number | null;
  sha256: string;
}

/** The ledger mapping file of spec/interfaces.md. */
export interface LedgerMapping {
  columns: Partial<Record<
    | 'invoice_id' | 'customer_id' | 'invoice_date' | 'due_date' | 'amount' | 'paid_date' | 'paid_amount'
    | 'currency' | 'disputed' | 'customer_name' | 'region' | 'segment' | 'country' | 'payment_terms_days'
    | 'credit_limit' | 'method',
    string
  >>;
  date_format?: string;
  currency?: string;
  true_values?: string[];
  decimal?: '.' | ',';
}

/** Progress of long work, for a terminal bar or a web progress element. */
export type ProgressListener = (done: number, total: number | null, stage: string) => void;

/** Aging bucket edges in days; the spec's default. */
export const DEFAULT_BUCKET_EDGES = [30, 60, 90, 120] as const;

/** Which date an invoice's age counts from. */
export type AgingBasis = 'due' | 'invoice';

/** Narrows a book to some customers; every field optional, all must match. */
export interface BookFilter {
  segment?: string;
  region?: string;
  /** The customer's currency. */
  currency?: string;
  customer_id?: string;
}

/** Parameters of a portfolio KPI pass (spec/kpis.md). */
export interface KpiParams {
  /** ISO date D. */
  asOf: string;
  /** W, default 90. */
  windowDays?: number;
  /** Aging bucket edges (days, or "30,60,90" as typed), default 30,60,90,120. */
  buckets?: readonly number[] | string;
  filter?: BookFilter;
}

/** Bucket label → amount, plus `unapplied`; labels follow the edges (current, 1-30, …, 120+). */
export type AgingAmounts = Record<string, number>;

/** What `kpi --json` prints (spec/interfaces.md), field for field. */
export interface PortfolioKpis {
  as_of: string;
  window_days: number;
  currency: string;
  ar: number;
  current: number;
  overdue: number;
  overdue_ratio: number | null;
  aging: AgingAmounts;
  sales: number;
  collections: number;
  write_offs: number;
  dso: number | null;
  best_possible_dso: number | null;
  add: number | null;
  countback_dso: number;
  cei: number | null;
  turnover: number | null;
  turnover_days: number | null;
  bad_debt_rate: number | null;
  dbt: number | null;
  days_to_pay: number | null;
  on_time_rate: number | null;
  open_invoices: number;
  customers_with_balance: number;
  /** AR(S), the balance at the window's opening date S = D − W (input of CEI and turnover). */
  ar_start: number;
  /** For each KPI that is null, why (e.g. "sales(P) is 0"). */
  null_reasons: Record<string, string>;
}

/** What the overview draws of a month-end: its tiles' KPIs, the DSO lines and the aging bars (sent for 24 month-ends). */
export type TrendPoint = Pick<
  PortfolioKpis,
  'as_of' | 'ar' | 'overdue_ratio' | 'dso' | 'best_possible_dso' | 'add' | 'cei' | 'turnover_days' | 'bad_debt_rate' | 'aging'
>;

/** One row of `aging --by customer --json`. Bucket labels are flat keys of the row. */
export interface CustomerAging {
  customer_id: string;
  name: string;
  ar: number;
  unapplied: number;
  overdue: number;
  credit_limit: number | null;
  utilisation: number | null;
  [bucket: string]: number | string | null;
}

/** One line behind an aging amount: an open invoice, an overpaid invoice (a credit) or unapplied cash. */
export interface AgingLine {
  kind: 'invoice' | 'credit' | 'unapplied_cash';
  /** The invoice id, or the payment id of unapplied cash. */
  ref: string;
  customer_id: string;
  name: string;
  /** Invoice date, or payment date of unapplied cash. */
  date: string;
  due_date: string | null;
  /** D − due date (≤ 0: not yet due); null for unapplied cash. */
  days_past_due: number | null;
  /** Bucket index of an open invoice (0 = current); null for credits. */
  bucket: number | null;
  currency: string;
  /** The invoice (or payment) amount in its own currency. */
  amount: number;
  /** Open at D in its own currency (negative for credits). */
  open: number;
  /** Open at D in the base currency at D's rate. */
  base_open: number;
  disputed: boolean;
}
