/** Matches a file's header to the canonical columns of its kind, directly or through a mapping. */
import type { ImportRowError, LedgerMapping } from '../../types.ts';
import type { Field, KindSpec } from './kinds.ts';

/** How the file's columns line up with the canonical ones. */
export interface ColumnPlan {
  /** One name per file column, in file order: its canonical field, or `x_<n>` when it is not read. */
  names: string[];
  /** The canonical fields the file has. */
  present: Set<Field>;
  /** File columns that are not read (reported, not an error). */
  ignored: string[];
  /** File-level problems (row 1): required columns missing, columns repeated, mapped columns absent. */
  errors: ImportRowError[];
}

/** Header names compare case-insensitively, trimmed; spaces and hyphens count as underscores. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function listed(header: readonly string[]): string {
  const shown = header.slice(0, 20).map((h) => `"${h}"`).join(', ');
  return header.length > 20 ? `${shown}, …` : shown;
}

/**
 * Lines `header` up with `spec`'s fields. A field the mapping names is read from that column
 * (a named column the file lacks is an error naming both); any other from the column of its
 * own name, unless the mapping gave that column to another field.
 */
export function planColumns(
  spec: KindSpec,
  header: readonly string[],
  fileName: string,
  mapping?: { name: string; columns: LedgerMapping['columns'] },
): ColumnPlan {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const names = header.map((_, i) => `x_${i}`);
  const present = new Set<Field>();
  const errors: ImportRowError[] = [];
  const fileError = (column: string, message: string) => errors.push({ row: 1, column, value: null, message });
  const mapped = (mapping?.columns ?? {}) as Record<string, string | undefined>;

  // Mapped fields first: a column the mapping claims is not read again by a field of its name
  // (a ledger's "Country" mapped to region is not also the country).
  const order = [...spec.fields].sort((a, b) => Number(mapped[b] !== undefined) - Number(mapped[a] !== undefined));
  const claimed = new Set(Object.values(mapped).map((c) => normaliseHeader(c ?? '')));
  for (const field of order) {
    const wanted = mapped[field] ?? field;
    const taken = mapped[field] === undefined && claimed.has(normaliseHeader(field));
    const found = taken ? [] : positions.get(normaliseHeader(wanted)) ?? [];
    if (found.length === 0) {
      if (mapped[field] !== undefined) {
        fileError(wanted, `The mapping ${mapping!.name} reads ${field} from column "${wanted}", but ${fileName} has no such column (its columns: ${listed(header)}).`);
      } else if (spec.required.includes(field)) {
        const how = mapping ? `; name its column in the mapping ${mapping.name}` : '';
        fileError(field, `${fileName} row 1: there is no ${field} column, which every ${spec.kind} file needs (its columns: ${listed(header)})${how}.`);
      }
      continue;
    }
    if (found.length > 1) {
      fileError(wanted, `${fileName} row 1, columns ${found.map((i) => i + 1).join(' and ')}: "${wanted}" appears more than once, so it is unclear which holds ${field}.`);
      continue;
    }
    const at = found[0];
    if (names[at] !== `x_${at}`) {
      // Only a mapping can send two fields to one column: canonical names are distinct.
      fileError(header[at], `The mapping ${mapping!.name} reads both ${names[at]} and ${field} from column "${header[at]}"; each column can hold one field.`);
      continue;
    }
    names[at] = field;
    present.add(field);
  }
  const ignored = header.filter((h, i) => names[i] === `x_${i}` && h.trim() !== '');
  return { names, present, ignored, errors };
}
