/** The SHA-256 fingerprint of a report's canonical data: same data and parameters, same fingerprint, on any machine. */
import { createHash, type Hash } from 'node:crypto';
import type { CanonicalRow, Column } from './columns.ts';

/**
 * The canonical form hashed, version 1 ("duesight-canonical-v1"), as UTF-8:
 *
 *   duesight-canonical-v1\n
 *   then for each section, in the report's order:
 *     §<section name>\n
 *     <column keys joined by \t>\n
 *     one line per row, in the section's canonical order (sorted by its full key):
 *       the canonical text of each value (columns.ts: money to 2 decimals, ratios to 6, rates
 *       to 8, dates ISO) joined by \t, with \ written \\, tab \t, LF \n, CR \r, and null \N;
 *       then \n.
 *
 * The fingerprint is the lowercase hex SHA-256 of those bytes. It covers the data only (what
 * the parameters produced), not the manifest's generation time or who asked.
 */
export const CANONICAL_FORM = 'duesight-canonical-v1';

function escape(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Hashes sections and rows as they stream past, counting the rows of each section. */
export class Fingerprint {
  private readonly hash: Hash = createHash('sha256');
  /** Rows seen per section, in order. */
  readonly rowCounts: { section: string; rows: number }[] = [];

  constructor() {
    this.hash.update(`${CANONICAL_FORM}\n`);
  }

  /** Starts a section. */
  section(name: string, columns: readonly Column[]): void {
    this.hash.update(`§${name}\n${columns.map((c) => c.key).join('\t')}\n`);
    this.rowCounts.push({ section: name, rows: 0 });
  }

  /** Adds rows of the current section, in canonical order. */
  rows(rows: readonly CanonicalRow[]): void {
    let text = '';
    for (const row of rows) text += row.map(escape).join('\t') + '\n';
    this.hash.update(text);
    this.rowCounts[this.rowCounts.length - 1].rows += rows.length;
  }

  /** The hex digest (call once, after the last row). */
  digest(): string {
    return this.hash.digest('hex');
  }
}
