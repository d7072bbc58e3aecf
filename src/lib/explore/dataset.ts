/** The explorer's columns as typed arrays in the browser, read from the Arrow stream the server sends. */
import { tableFromIPC, type Data, type Table, type Vector } from 'apache-arrow';
import { NULL_DAYS } from './crossfilter.ts';

/** The coded (dictionary) columns the page bins by. */
export const CODED_COLUMNS = ['customer', 'segment', 'region', 'method', 'tier'] as const;
export type CodedColumn = (typeof CODED_COLUMNS)[number];

/** Every invoice of the view, one typed array per column. */
export interface ExploreData {
  n: number;
  /** Amount in whole cents of the base currency. */
  amountCents: Float64Array;
  /** Days to pay; NULL_DAYS while open. */
  daysToPay: Int32Array;
  /** Days beyond terms, signed; NULL_DAYS while open. */
  daysBeyondTerms: Int32Array;
  /** The invoice month as days since 1970-01-01 of its first day. */
  month: Int32Array;
  /** The invoice's terms in days. */
  terms: Int32Array;
  /** Dictionary positions; -1 for null (or a column the server did not send). */
  codes: Record<CodedColumn, Int32Array>;
  dictionaries: Record<CodedColumn, string[]>;
}

/** The validity bit of `i` in an Arrow null bitmap (no bitmap: every value is valid). */
function valid(bitmap: Uint8Array | null | undefined, i: number): boolean {
  return !bitmap || ((bitmap[i >> 3] >> (i & 7)) & 1) === 1;
}

/** Copies an integer-like column into `out`, nulls as `nullValue`. */
function copyInts(vector: Vector | null, out: Int32Array, nullValue: number): void {
  if (!vector) {
    out.fill(nullValue);
    return;
  }
  let at = 0;
  for (const data of vector.data as Data[]) {
    const values = data.values as ArrayLike<number>;
    const bitmap = data.nullCount > 0 ? data.nullBitmap : null;
    const offset = data.offset;
    for (let i = 0; i < data.length; i++) out[at + i] = valid(bitmap, offset + i) ? values[offset + i] : nullValue;
    at += data.length;
  }
}

/** The dictionary strings of a dictionary column (the same in every batch). */
function dictionaryOf(vector: Vector | null): string[] {
  const dict = (vector?.data[0] as Data | undefined)?.dictionary;
  return dict ? (dict.toArray() as string[]) : [];
}

/** Reads the explorer's columns out of an Arrow table. */
export function exploreDataFromTable(table: Table): ExploreData {
  const n = table.numRows;
  const child = (name: string) => table.getChild(name) as Vector | null;
  const amount = child('amount');
  if (!amount) throw new Error('The explorer data has no amount column.');
  const amountCents = new Float64Array(n);
  let at = 0;
  for (const data of amount.data as Data[]) {
    const values = data.values as Float64Array;
    for (let i = 0; i < data.length; i++) amountCents[at + i] = Math.round(values[data.offset + i] * 100);
    at += data.length;
  }
  const ints = (name: string, nullValue: number) => {
    const out = new Int32Array(n);
    copyInts(child(name), out, nullValue);
    return out;
  };
  const codes = {} as Record<CodedColumn, Int32Array>;
  const dictionaries = {} as Record<CodedColumn, string[]>;
  for (const name of CODED_COLUMNS) {
    codes[name] = ints(name, -1);
    dictionaries[name] = dictionaryOf(child(name));
  }
  return {
    n,
    amountCents,
    daysToPay: ints('days_to_pay', NULL_DAYS),
    daysBeyondTerms: ints('days_beyond_terms', NULL_DAYS),
    month: ints('invoice_month', NULL_DAYS),
    terms: ints('terms', NULL_DAYS),
    codes,
    dictionaries,
  };
}

/** Reads the explorer's columns out of the bytes of an Arrow IPC stream. */
export function exploreDataFromIpc(bytes: Uint8Array): ExploreData {
  return exploreDataFromTable(tableFromIPC(bytes));
}
