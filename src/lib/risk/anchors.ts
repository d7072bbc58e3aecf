/** Piecewise-linear curves, and the PAYDEX-like payment index built on its published anchors. */
import type { CurvePoint } from './config.ts';

/**
 * The payment index's anchors: days beyond terms (negative = paid early) → index. Published:
 * ≥ 30 days early 100, 20 early 90, on time 80, 15 late 70, 22 late 60, 30 late 50, 60 late 40,
 * 90 late 30, 120 late 20. Beyond 120 days the published scale only says "toward 0"; Duesight
 * continues the slope of the last segments (10 points per 30 days) to reach 0 at 180 days late.
 */
export const PAYMENT_INDEX_ANCHORS: readonly CurvePoint[] = [
  [-30, 100], [-20, 90], [0, 80], [15, 70], [22, 60], [30, 50], [60, 40], [90, 30], [120, 20], [180, 0],
];

/** The value of the curve through `points` (x increasing) at `x`; flat beyond the first and last points. */
export function interpolate(points: readonly CurvePoint[], x: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  let i = 1;
  while (points[i][0] < x) i++;
  const [x0, y0] = points[i - 1];
  const [x1, y1] = points[i];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** The payment index (0-100) of one invoice paid `days` beyond its terms (negative = early). */
export function paymentIndexForDays(days: number): number {
  return interpolate(PAYMENT_INDEX_ANCHORS, days);
}

/** The first and last whole days of the lookup table handed to SQL; outside them the index is flat. */
export const INDEX_TABLE_FIRST_DAY = PAYMENT_INDEX_ANCHORS[0][0];
export const INDEX_TABLE_LAST_DAY = PAYMENT_INDEX_ANCHORS[PAYMENT_INDEX_ANCHORS.length - 1][0];

/**
 * The index for every whole day from INDEX_TABLE_FIRST_DAY to INDEX_TABLE_LAST_DAY, so that the
 * SQL reads each invoice's index from this list (bound as $index_table) rather than restating the anchors.
 */
export function paymentIndexTable(): number[] {
  const out: number[] = [];
  for (let d = INDEX_TABLE_FIRST_DAY; d <= INDEX_TABLE_LAST_DAY; d++) out.push(paymentIndexForDays(d));
  return out;
}
