/** The selection's summary: sufficient statistics (sums and counts, in whole cents) and the figures read from them. */

/** Sums kept for a set of invoices; every field is a whole number, so adding and removing rows is exact. */
export interface SummaryStats {
  /** Invoices. */
  count: number;
  /** Σ amount in cents (base currency). */
  amountCents: number;
  /** Invoices settled by the as-of date. */
  settledCount: number;
  /** Σ amount in cents of the settled ones. */
  settledCents: number;
  /** Σ cents × max(0, days beyond terms) over the settled ones. */
  dbtCentDays: number;
  /** Σ cents × days to pay over the settled ones. */
  dtpCentDays: number;
  /** Settled on or before the due date. */
  onTimeCount: number;
}

/** Sums of nothing. */
export function emptyStats(): SummaryStats {
  return { count: 0, amountCents: 0, settledCount: 0, settledCents: 0, dbtCentDays: 0, dtpCentDays: 0, onTimeCount: 0 };
}

/** The figures a reader sees for a selection. */
export interface SelectionSummary {
  count: number;
  /** Σ amount, base currency. */
  amount: number;
  settled: number;
  /** Amount-weighted days beyond terms of the settled invoices (the KPI's dbt): null when none is settled. */
  dbt: number | null;
  /** Amount-weighted days to pay of the settled invoices; null when none is settled. */
  daysToPay: number | null;
  /** Share of the settled invoices settled by their due date; null when none is settled. */
  onTimeRate: number | null;
}

/** The figures of `s`. */
export function summarise(s: SummaryStats): SelectionSummary {
  return {
    count: s.count,
    amount: s.amountCents / 100,
    settled: s.settledCount,
    dbt: s.settledCents > 0 ? s.dbtCentDays / s.settledCents : null,
    daysToPay: s.settledCents > 0 ? s.dtpCentDays / s.settledCents : null,
    onTimeRate: s.settledCount > 0 ? s.onTimeCount / s.settledCount : null,
  };
}
