/** The shapes of the risk and warning charts' data, shared by the chart components and the pages that feed them. */

/** A row or column of a HeatMap. */
export interface HeatAxisItem {
  key: string;
  label: string;
  /** A second, smaller line under a row's label (e.g. its opening balance). */
  note?: string;
  /** Columns with the same group share a heading above them (e.g. "Bucket next month", "Left the book"). */
  group?: string;
}

/** A category with its colour (a tier, a severity), in display order. */
export interface Category {
  key: string;
  label: string;
  color: string;
}

/** One customer of the risk matrix. */
export interface RiskPoint {
  id: string;
  name: string;
  /** The customer's AR, the x value (only positive exposures can be drawn on a log axis). */
  exposure: number;
  /** The credit score, 0–100, the y value. */
  score: number;
  /** Overdue balance, the bubble's area. */
  overdue: number;
  /** A Category key. */
  tier: string;
  /** Where a click or Enter goes (the customer's page). */
  href: string;
}

/** One tier's share of the book. */
export interface TierShare {
  key: string;
  label: string;
  color: string;
  customers: number;
  exposure: number;
}

/** Customers who moved from one tier to another between two dates (stays included: from = to). */
export interface MigrationFlow {
  from: string;
  to: string;
  customers: number;
  /** Their AR at the later date. */
  exposure: number;
}

/** One step of tier migration: the later date of the step, and its flows. */
export interface MigrationStep {
  date: string;
  flows: readonly MigrationFlow[];
}
