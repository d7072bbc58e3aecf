/** The typed columns of report sections, and each type's canonical text (the form fingerprints, CSV files and verify share). */

/**
 * What a column holds. Canonical text: `text` as is; `date` ISO YYYY-MM-DD; `int` whole
 * numbers; `money` 2 decimals; `days` 2 decimals; `ratio` a fraction (0.25 = 25%) to 6
 * decimals; `number` 6 decimals; `rate` (FX) 8 decimals. A missing value is null.
 */
export type ColumnType = 'text' | 'date' | 'int' | 'money' | 'days' | 'ratio' | 'number' | 'rate';

/** Decimal places of each numeric type's canonical text. */
export const DECIMALS: Record<Exclude<ColumnType, 'text' | 'date'>, number> = {
  int: 0,
  money: 2,
  days: 2,
  ratio: 6,
  number: 6,
  rate: 8,
};

/** One column of a section. */
export interface Column {
  key: string;
  /** The heading a reader sees. */
  label: string;
  type: ColumnType;
  /** Relative width in PDF tables and XLSX (characters); a default per type otherwise. */
  width?: number;
}

/** A row in canonical text, one value per column (null when missing). */
export type CanonicalRow = (string | null)[];

/** Whether a column holds numbers (right-aligned, numeric cells in XLSX). */
export function isNumeric(type: ColumnType): boolean {
  return type !== 'text' && type !== 'date';
}

/** The canonical text of a JS value for a column of `type`: fixed decimals, no "-0.00". */
export function canonicalValue(type: ColumnType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'text' || type === 'date') return String(value);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  const text = n.toFixed(DECIMALS[type]);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A row of JS values (keyed by column) in canonical text. */
export function canonicalRow(columns: readonly Column[], values: Record<string, unknown>): CanonicalRow {
  return columns.map((c) => canonicalValue(c.type, values[c.key]));
}

/** Shorthand for building column lists: `col('ar', 'AR', 'money')`. */
export function col(key: string, label: string, type: ColumnType, width?: number): Column {
  return width === undefined ? { key, label, type } : { key, label, type, width };
}
