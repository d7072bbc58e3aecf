/** What each kind of import file holds: its canonical columns, which are required, and which hold dates. */
import type { ImportKind, LedgerMapping } from '../../types.ts';

/** A canonical column name; also the name of the staging table's column. */
export type Field = string;

/** One kind of file, as the importer sees it. */
export interface KindSpec {
  kind: ImportKind;
  /** The suffix of its SQL files (queries/import_*_<table>.sql) and staging tables: allow-listed here. */
  table: 'customers' | 'invoices' | 'payments' | 'adjustments' | 'fx_rates' | 'ledger';
  /** Every column it reads, in the staging table's order (spec/interfaces.md, "File formats"). */
  fields: readonly Field[];
  /** Columns the file's header must have. */
  required: readonly Field[];
  /** Columns holding dates (spreadsheet serial numbers in them become ISO dates). */
  dates: readonly Field[];
  /**
   * Whether reading it looks up customers only (never the invoices, which may outnumber the
   * file), so that its typed query should hash the customers (import_plan_lookups_right).
   */
  looksUpCustomersOnly?: boolean;
}

type LedgerField = keyof LedgerMapping['columns'];

const LEDGER_FIELDS: readonly LedgerField[] = [
  'invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount', 'paid_date', 'paid_amount', 'currency',
  'disputed', 'customer_name', 'region', 'segment', 'country', 'payment_terms_days', 'credit_limit', 'method',
];

const SPECS: Record<ImportKind, KindSpec> = {
  customers: {
    kind: 'customers',
    table: 'customers',
    fields: ['customer_id', 'name', 'segment', 'region', 'country', 'currency', 'payment_terms_days', 'credit_limit'],
    required: ['customer_id', 'name'],
    dates: [],
  },
  invoices: {
    kind: 'invoices',
    table: 'invoices',
    fields: ['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount', 'currency', 'disputed'],
    required: ['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount'],
    dates: ['invoice_date', 'due_date'],
    looksUpCustomersOnly: true,
  },
  payments: {
    kind: 'payments',
    table: 'payments',
    fields: ['payment_id', 'customer_id', 'invoice_id', 'payment_date', 'amount', 'method'],
    required: ['payment_id', 'customer_id', 'payment_date', 'amount'],
    dates: ['payment_date'],
  },
  adjustments: {
    kind: 'adjustments',
    table: 'adjustments',
    fields: ['adjustment_id', 'invoice_id', 'date', 'amount', 'kind'],
    required: ['adjustment_id', 'invoice_id', 'date', 'amount', 'kind'],
    dates: ['date'],
  },
  'fx-rates': {
    kind: 'fx-rates',
    table: 'fx_rates',
    fields: ['date', 'currency', 'rate_to_base'],
    required: ['date', 'currency', 'rate_to_base'],
    dates: ['date'],
  },
  ledger: {
    kind: 'ledger',
    table: 'ledger',
    fields: LEDGER_FIELDS,
    required: ['invoice_id', 'customer_id', 'invoice_date', 'amount'],
    dates: ['invoice_date', 'due_date', 'paid_date'],
    looksUpCustomersOnly: true,
  },
};

/** The spec of `kind`; throws on anything else, so only these names ever reach SQL file names. */
export function kindSpec(kind: ImportKind): KindSpec {
  const spec = SPECS[kind];
  if (!spec) throw new Error(`Unknown import kind ${String(kind)}`);
  return spec;
}
