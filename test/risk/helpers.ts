/** Small builders for the risk tests: a neutral customer's factors, changed one field at a time. Nothing here computes an expected value. */
import type { CustomerFactors } from '../../src/lib/risk/types.ts';

/** A customer with nothing notable: pays on time (index 80), nothing overdue, 12 invoices a year, 3 years' tenure. */
export function factors(over: Partial<CustomerFactors> = {}): CustomerFactors {
  return {
    payment_index: 80, experiences: 24, settled_invoices: 24, dbt_recent: 0, dbt_prior: 0, dbt_12m: 0,
    ar: 1000, overdue: 0, overdue_90: 0, overdue_share: 0, overdue_90_share: 0, credit_limit: null, utilisation: null,
    dispute_share: 0, partial_share: 0, write_off_share: 0, tenure_months: 36, invoices_12m: 12,
    ...over,
  };
}
