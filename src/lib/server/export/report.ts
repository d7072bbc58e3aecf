/** The shape of an audit report: named sections of typed columns, each streamed in its canonical order. */
import type { AgingBasis, BookFilter } from '../../types.ts';
import type { Database } from '../db.ts';
import type { CanonicalRow, Column } from './columns.ts';

/** The reports `duesight export --report` and /export/[report] produce; aging-detail is the default. */
export const REPORT_NAMES = ['aging-detail', 'kpi-pack', 'statements', 'ecl'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The file formats of an export. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Everything a report's data depends on, with every default filled in: the manifest stores it
 * and `verify` replays it, so it is plain JSON.
 */
export interface ReportParameters {
  report: ReportName;
  as_of: string;
  filter: BookFilter;
  /** Aging bucket edges in days. */
  buckets: number[];
  /** aging-detail: the aging basis. */
  basis?: AgingBasis;
  /** kpi-pack: the window W in days. */
  window_days?: number;
  /** ecl: months of roll-rate history, and the overlay per bucket label. */
  months?: number;
  overlay?: Record<string, number>;
  /** statements: the customer, and the first day of the period (the period ends at as_of). */
  customer_id?: string;
  from?: string;
}

/** One section of a report: a table with typed columns whose rows stream in canonical order. */
export interface Section {
  name: string;
  title: string;
  columns: Column[];
  /**
   * Hands the rows to `sink` in batches, sorted by the section's full key (a streamed query
   * hands one batch per DuckDB chunk, so no section is ever held whole in memory).
   */
  forEachBatch(sink: (rows: CanonicalRow[]) => Promise<void> | void): Promise<void>;
  /** Rows a reader should see set apart (subtotals, totals). */
  emphasis?(row: CanonicalRow): boolean;
  /** In a PDF, wrap long text onto several lines instead of cutting it (small sections of prose). */
  wrap?: boolean;
}

/** A report ready to stream: its sections, and the figures its data must tie to. */
export interface PreparedReport {
  name: ReportName;
  /** Raised whenever the content or canonical order of a section changes. */
  version: number;
  title: string;
  /** A line under the title (the customer of a statement, the period). */
  subtitle: string;
  parameters: ReportParameters;
  sections: Section[];
  /** Figures from the KPI functions (money in the base currency), recorded in the manifest. */
  controlTotals: Record<string, number | string | null>;
}

/** A report: how to prepare it from the database for some parameters. */
export interface ReportDefinition {
  name: ReportName;
  version: number;
  title: string;
  prepare(db: Database, params: ReportParameters): Promise<PreparedReport>;
}

/** A section whose rows are already in memory (small sections: KPIs, buckets, matrices). */
export function memorySection(
  name: string,
  title: string,
  columns: Column[],
  rows: CanonicalRow[],
  emphasis?: (row: CanonicalRow) => boolean,
  wrap = false,
): Section {
  return {
    name,
    title,
    columns,
    forEachBatch: async (sink) => {
      if (rows.length) await sink(rows);
    },
    emphasis,
    wrap,
  };
}
