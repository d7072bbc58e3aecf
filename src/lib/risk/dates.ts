/** Calendar helpers of the risk engine: month-ends before an as-of date, and day arithmetic on ISO dates. */

/** `iso` moved by `days` (negative = earlier). */
export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The last day of the month `monthsBack` months before `iso`'s month. */
export function monthEnd(iso: string, monthsBack = 0): string {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - monthsBack, 0)).toISOString().slice(0, 10);
}

/**
 * The dates of a monthly history ending at `asOf`: the `months` month-ends before `asOf`'s
 * month (oldest first), then `asOf` itself: `months` + 1 dates, `months` steps.
 */
export function monthlyDates(asOf: string, months: number): string[] {
  const out: string[] = [];
  for (let k = months; k >= 1; k--) out.push(monthEnd(asOf, k));
  out.push(asOf);
  return out;
}
