/** Bin edges for the explorer's numeric views (log amounts, whole days) and the bin of a value. */
import type { Range } from './selection.ts';

/** `x` rounded to `digits` significant digits. */
export function roundSignificant(x: number, digits = 3): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

/**
 * About `count` bins of equal width on a log scale covering [min, max] (min > 0): edges rounded to
 * three significant digits (so a brush reads as 1,230..45,600), the first at or below `min`, the
 * last above `max`, strictly increasing.
 */
export function logEdges(min: number, max: number, count: number): number[] {
  if (!(min > 0) || !(max >= min)) throw new Error(`A log scale needs 0 < min <= max (got ${min}, ${max}).`);
  const scale = 10 ** (2 - Math.floor(Math.log10(min)));
  const first = Math.floor(min * scale) / scale;
  const lo = Math.log10(first);
  const step = Math.max((Math.log10(max) - lo) / count, 0.005);
  const edges = [first];
  for (let i = 1; edges[edges.length - 1] <= max; i++) {
    const e = roundSignificant(10 ** (lo + i * step));
    if (e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** The nice whole-day widths a histogram bin may have. */
const DAY_STEPS = [1, 2, 5, 7, 10, 14, 15, 30, 60, 90, 180, 365];

/**
 * Whole-number edges of equal width (1, 2, 5, 7, 10, … days) covering [min, max] in at most
 * `maxBins` bins: the first edge at or below `min`, a multiple of the width; the last above `max`.
 */
export function dayEdges(min: number, max: number, maxBins: number): number[] {
  const span = Math.max(1, max - min + 1);
  const step = DAY_STEPS.find((s) => span / s <= maxBins) ?? Math.ceil(span / maxBins);
  const first = Math.floor(min / step) * step;
  const edges: number[] = [];
  for (let e = first; edges.length === 0 || edges[edges.length - 1] <= max; e += step) edges.push(e);
  return edges;
}

/** The bin of `v` among `edges` (bin i is [edges[i], edges[i + 1])), or -1 outside them. */
export function binOf(edges: ArrayLike<number>, v: number): number {
  const n = edges.length;
  if (!(v >= edges[0]) || !(v < edges[n - 1])) return -1;
  let lo = 0;
  let hi = n - 1;
  // Invariant: edges[lo] <= v < edges[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** `range` widened to whole bins: lo down to an edge at or below it, hi up to an edge at or above it. */
export function snapRange(edges: readonly number[], range: Range): Range {
  const n = edges.length;
  let lo = edges[0];
  for (let i = 0; i < n && edges[i] <= range[0]; i++) lo = edges[i];
  let hi = edges[n - 1];
  for (let i = n - 1; i >= 0 && edges[i] >= range[1]; i--) hi = edges[i];
  return lo < hi ? [lo, hi] : [lo, edges[Math.min(n - 1, edges.indexOf(lo) + 1)]];
}

/** The bins [first, end) that `range` covers exactly, or null when its ends are not edges. */
export function binsOfRange(edges: readonly number[], range: Range): [number, number] | null {
  const first = edges.indexOf(range[0]);
  const end = edges.indexOf(range[1]);
  return first >= 0 && end > first ? [first, end] : null;
}
