/** A server-paged table sorted by one column, the same way for every table of the dashboard. */
import type { SortState } from './url-state.ts';

/**
 * `rows` in the order of `sort` on the column `cell` reads: empty values (null) last either way,
 * numbers by value, text by its words (numbers inside it in numeric order); equal rows by `tie`.
 */
export function sortByColumn<T>(
  rows: readonly T[],
  sort: SortState,
  cell: (row: T, key: string) => string | number | null,
  tie: (a: T, b: T) => number,
): T[] {
  const sign = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = cell(a, sort.key);
    const y = cell(b, sort.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (typeof x === 'string' || typeof y === 'string') {
      const c = String(x).localeCompare(String(y), 'en', { sensitivity: 'base', numeric: true });
      if (c !== 0) return sign * c;
    } else if (x !== y) {
      return sign * (x - y);
    }
    return tie(a, b);
  });
}
