/** Reads a mapping file (spec/interfaces.md, "The ledger kind and mappings") and checks it before any data is read. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { LedgerMapping } from '../../types.ts';
import { DuesightError } from '../errors.ts';
import type { KindSpec } from './kinds.ts';

/** Strftime codes DuckDB's strptime understands that a date format may use. */
const DATE_CODES = /%(-?[dmyYbBhjaAe]|%)/g;

/**
 * Reads and checks `path` as a mapping for files of `spec`'s kind. Every problem is one
 * sentence naming the mapping file and the key at fault.
 */
export function readMapping(path: string, spec: KindSpec): LedgerMapping {
  const name = basename(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new DuesightError(`The mapping file ${path} does not exist.`);
    throw new DuesightError(`The mapping file ${name} is not valid JSON (${e.message}).`);
  }
  return checkMapping(raw, name, spec);
}

/** Checks a parsed mapping object; `name` is used in the messages. */
export function checkMapping(raw: unknown, name: string, spec: KindSpec): LedgerMapping {
  const fail = (what: string): never => {
    throw new DuesightError(`The mapping file ${name} ${what}.`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('must hold a JSON object');
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!['columns', 'date_format', 'currency', 'true_values', 'decimal'].includes(key)) {
      fail(`has an unknown key "${key}" (known: columns, date_format, currency, true_values, decimal)`);
    }
  }
  const columns = (m.columns ?? {}) as Record<string, unknown>;
  if (typeof columns !== 'object' || Array.isArray(columns)) fail('must give "columns" as an object of field: column name');
  for (const [field, column] of Object.entries(columns)) {
    if (!spec.fields.includes(field)) fail(`maps "${field}", which is not a ${spec.kind} field (fields: ${spec.fields.join(', ')})`);
    if (typeof column !== 'string' || column.trim() === '') fail(`must name a column for "${field}" as a non-empty string`);
  }
  if (spec.kind === 'ledger' && columns.paid_amount !== undefined && columns.paid_date === undefined) {
    fail('maps paid_amount but not paid_date; a paid amount needs the date it was paid');
  }
  const mapping: LedgerMapping = { columns: columns as LedgerMapping['columns'] };
  if (m.date_format !== undefined) {
    if (typeof m.date_format !== 'string' || !m.date_format.replace(/%%/g, '').match(DATE_CODES)) {
      fail('must give "date_format" as strftime codes such as "%m/%d/%Y"');
    }
    mapping.date_format = m.date_format as string;
  }
  if (m.currency !== undefined) {
    if (typeof m.currency !== 'string' || !/^[A-Za-z]{3}$/.test(m.currency)) fail('must give "currency" as a 3-letter code such as USD');
    mapping.currency = (m.currency as string).toUpperCase();
  }
  if (m.true_values !== undefined) {
    const tv = m.true_values;
    if (!Array.isArray(tv) || tv.length === 0 || !tv.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      fail('must give "true_values" as a non-empty list of values such as ["Yes", "Y"]');
    }
    mapping.true_values = (tv as unknown[]).map((v) => String(v));
  }
  if (m.decimal !== undefined) {
    if (m.decimal !== '.' && m.decimal !== ',') fail('must give "decimal" as "." or ","');
    mapping.decimal = m.decimal as '.' | ',';
  }
  return mapping;
}

/** How a clerk reads a strftime date format: '%m/%d/%Y' → 'MM/DD/YYYY'. */
export function dateFormatLabel(format: string | undefined): string {
  if (!format) return 'YYYY-MM-DD';
  const codes: Record<string, string> = {
    '%Y': 'YYYY', '%y': 'YY', '%m': 'MM', '%-m': 'M', '%d': 'DD', '%-d': 'D', '%e': 'D', '%b': 'Mon', '%h': 'Mon',
    '%B': 'Month', '%j': 'DDD', '%a': 'Day', '%A': 'Weekday', '%%': '%',
  };
  const label = format.replace(/%-?[a-zA-Z%]/g, (code) => codes[code] ?? code);
  return `${label} or YYYY-MM-DD`;
}
