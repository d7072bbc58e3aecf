/** The raw behaviour of every customer at one or many dates, from one set-based pass (queries/risk_factors_at_dates.sql). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { INDEX_TABLE_FIRST_DAY, INDEX_TABLE_LAST_DAY, paymentIndexTable } from '../../risk/anchors.ts';
import type { CustomerFactors } from '../../risk/types.ts';
import type { BookFilter } from '../../types.ts';
import { assertRatesFound, isoDate } from '../book-params.ts';
import { query } from '../sql.ts';

/** Who a customer is, as a score row names it. */
export interface CustomerIdentity {
  customer_id: string;
  name: string;
  segment: string | null;
  region: string | null;
}

/** One customer at one date: who it is and its factors. */
export interface FactorRow extends CustomerFactors, CustomerIdentity {
  date: string;
}

/** One customer at one date, with its factors apart (what the scorer reads). */
export interface DatedFactors extends CustomerIdentity {
  date: string;
  factors: CustomerFactors;
}

const INDEX_TABLE = paymentIndexTable();

/** The factors in the order of the query's `factors` list (one list per row reads far faster than a column each). */
const FACTOR_COLUMNS = [
  'payment_index', 'experiences', 'settled_invoices', 'dbt_recent', 'dbt_prior', 'dbt_12m', 'ar', 'overdue', 'overdue_90',
  'overdue_share', 'overdue_90_share', 'credit_limit', 'utilisation', 'dispute_share', 'partial_share', 'write_off_share',
  'tenure_months', 'invoices_12m',
] as const satisfies readonly (keyof CustomerFactors)[];

interface SqlRow {
  /** The date's position in `dates`, from 1. */
  date_index: number;
  customer_id: string;
  missing_rate: string | null;
  factors: (number | null)[];
}

/** The factors object of one row's list (every key set in the same order, so all share one shape). */
function factorsOf(values: readonly (number | null)[]): CustomerFactors {
  const f: Record<string, number | null> = {};
  for (let i = 0; i < FACTOR_COLUMNS.length; i++) f[FACTOR_COLUMNS[i]] = values[i];
  return f as unknown as CustomerFactors;
}

/**
 * The factors of each customer active at each of `dates` (an invoice dated in the 24 months to
 * the date, or a balance), by date then customer id, with the factors in their own object.
 * One pass over the book whatever the number of dates.
 */
export async function datedFactorsAtDates(conn: DuckDBConnection, dates: readonly string[], filter: BookFilter = {}): Promise<DatedFactors[]> {
  if (dates.length === 0) return [];
  for (const d of dates) isoDate(d, 'as-of date');
  const view = {
    segment: filter.segment ?? null,
    region: filter.region ?? null,
    currency: filter.currency ?? null,
    customer_id: filter.customer_id ?? null,
  };
  const rows = await query<SqlRow>(conn, 'risk_factors_at_dates', {
    ...view,
    dates: [...dates],
    index_table: INDEX_TABLE,
    index_first: INDEX_TABLE_FIRST_DAY,
    index_last: INDEX_TABLE_LAST_DAY,
  });
  assertRatesFound(rows.find((r) => r.missing_rate !== null)?.missing_rate);
  const customers = new Map((await query<CustomerIdentity>(conn, 'risk_customers', view)).map((c) => [c.customer_id, c]));
  return rows.map((r) => {
    const c = customers.get(r.customer_id)!;
    return { date: dates[r.date_index - 1], customer_id: r.customer_id, name: c.name, segment: c.segment, region: c.region, factors: factorsOf(r.factors) };
  });
}

/**
 * The factors of each customer active at each of `dates` (an invoice dated in the 24 months to
 * the date, or a balance), by date then customer id. One query whatever the number of dates.
 */
export async function factorsAtDates(conn: DuckDBConnection, dates: readonly string[], filter: BookFilter = {}): Promise<FactorRow[]> {
  return (await datedFactorsAtDates(conn, dates, filter)).map(({ factors, ...who }) => ({ ...who, ...factors }));
}
