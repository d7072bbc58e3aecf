/** The cross-filter's passes over rows: tight loops over typed arrays, one column (or one list of rows) at a time. */
import type { SummaryStats } from './summary.ts';

/** The per-row values the summary adds up. */
export interface RowStats {
  /** Amount in whole cents. */
  amountCents: Float64Array;
  /** Days to pay, or `NULL_DAYS` while open. */
  daysToPay: Int32Array;
  /** Days beyond terms (signed), or `NULL_DAYS` while open. */
  daysBeyondTerms: Int32Array;
}

/** The value of a null day count in the typed arrays. */
export const NULL_DAYS = -2147483648;

/** A view's bin of each row as a compact code: the bin, or the view's size for "none". */
export type Codes = Uint8Array | Uint16Array;

/**
 * Each row's bin as a compact code (the bin, or `size` for none), written into `out`, with the
 * rows and cents per code added into `count` and `amount` (the unfiltered sums) on the way.
 */
export function codeRows(bin: Int32Array, none: number, cents: Float64Array, out: Codes, count: Float64Array, amount: Float64Array): void {
  for (let r = 0; r < bin.length; r++) {
    const b = bin[r];
    const c = b < 0 ? none : b;
    out[r] = c;
    count[c] += 1;
    amount[c] += cents[r];
  }
}

/** Sets (fails) or clears (passes) view `v`'s bit in `fail` for every row, from the codes that pass (0/1 each). */
export function markByBins(fail: Uint16Array, codes: Codes, pass: Uint8Array, v: number): void {
  const keep = ~(1 << v) & 0xffff;
  for (let r = 0; r < fail.length; r++) fail[r] = (fail[r] & keep) | ((pass[codes[r]] ^ 1) << v);
}

/** The same from a pass flag (0/1) per row. */
export function markByRows(fail: Uint16Array, rowPass: Uint8Array, v: number): void {
  const keep = ~(1 << v) & 0xffff;
  for (let r = 0; r < fail.length; r++) fail[r] = (fail[r] & keep) | ((rowPass[r] ^ 1) << v);
}

/** Writes into `out` the rows that fail no filter; returns how many (no branch per row). */
export function passingRows(fail: Uint16Array, out: Int32Array): number {
  let k = 0;
  for (let r = 0; r < fail.length; r++) {
    out[k] = r;
    k += +(fail[r] === 0);
  }
  return k;
}

/** Adds (sign 1) or removes (sign -1) the rows `rows[0..count)` in one view's per-code sums. */
export function sumRows(codes: Codes, rows: Int32Array, count: number, cents: Float64Array, binCount: Float64Array, binCents: Float64Array, sign = 1): void {
  for (let k = 0; k < count; k++) {
    const r = rows[k];
    const c = codes[r];
    binCount[c] += sign;
    binCents[c] += sign * cents[r];
  }
}

/** Adds into one view's per-code sums the rows that fail its own filter and no other. */
export function sumFailingOnly(codes: Codes, fail: Uint16Array, bit: number, cents: Float64Array, binCount: Float64Array, binCents: Float64Array): void {
  for (let r = 0; r < fail.length; r++) {
    if (fail[r] !== bit) continue;
    const c = codes[r];
    binCount[c] += 1;
    binCents[c] += cents[r];
  }
}

/** The summary of the rows `rows[0..n)`. */
export function summaryOf(rows: Int32Array, n: number, stats: RowStats): SummaryStats {
  const { amountCents, daysToPay, daysBeyondTerms } = stats;
  let cents = 0, settledCount = 0, settledCents = 0, dbtCentDays = 0, dtpCentDays = 0, onTimeCount = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    const a = amountCents[r];
    cents += a;
    const dtp = daysToPay[r];
    if (dtp === NULL_DAYS) continue;
    const dbt = daysBeyondTerms[r];
    settledCount += 1;
    settledCents += a;
    if (dbt > 0) dbtCentDays += a * dbt;
    else onTimeCount += 1;
    dtpCentDays += a * dtp;
  }
  return { count: n, amountCents: cents, settledCount, settledCents, dbtCentDays, dtpCentDays, onTimeCount };
}
