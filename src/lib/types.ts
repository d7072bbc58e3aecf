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
