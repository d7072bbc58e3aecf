/** Roll-rate matrices and the loss rates they imply, as pure functions (server, reports and charts share them). */

/** The states an open balance can move to in a month, besides another aging bucket. */
export const CLOSED_STATES = ['paid', 'credited', 'written_off'] as const;
export type ClosedState = (typeof CLOSED_STATES)[number];

/** One row of the migration matrix: where a bucket's balance went, as shares that sum to 1. */
export interface RollRateRow {
  from: string;
  /** The balance observed in this bucket at the month-ends (base currency), the row's weight. */
  opening: number;
  /** Share per destination: bucket labels, then paid, credited, written_off. */
  to: Record<string, number>;
}

/**
 * Turns amounts moved from bucket to state (over one or many months) into shares per row;
 * rows with no balance stay all zero. Amounts add up as whole cents, so the result does not
 * depend on the order of the flows.
 */
export function rollRateRows(
  labels: readonly string[],
  flows: readonly { from: number; to: string; amount: number }[],
): RollRateRow[] {
  const columns = [...labels, ...CLOSED_STATES];
  const cents = labels.map(() => Object.fromEntries(columns.map((c) => [c, 0])) as Record<string, number>);
  const totals = labels.map(() => 0);
  for (const f of flows) {
    const to = f.to.startsWith('bucket:') ? labels[Number(f.to.slice(7))] : f.to;
    const c = Math.round(f.amount * 100);
    cents[f.from][to] += c;
    totals[f.from] += c;
  }
  return labels.map((from, i) => ({
    from,
    opening: totals[i] / 100,
    to: Object.fromEntries(columns.map((c) => [c, totals[i] > 0 ? cents[i][c] / totals[i] : 0])),
  }));
}

/**
 * The historical loss rate of each bucket: the probability that a unit of balance in it is
 * eventually written off, following the monthly roll rates as a Markov chain in which paid,
 * credited and written off are absorbing. Balance the observed rates never clear (a bucket
 * that only rolls into itself) counts as lost: no collection was ever seen for it.
 */
export function lossRates(rows: readonly RollRateRow[], months = 1200): number[] {
  const n = rows.length;
  const labels = rows.map((r) => r.from);
  // Distribution of a unit starting in each bucket, pushed through the chain month by month.
  const cleared = new Array<number>(n).fill(0);
  for (let start = 0; start < n; start++) {
    let mass = new Array<number>(n).fill(0);
    mass[start] = 1;
    for (let m = 0; m < months; m++) {
      const next = new Array<number>(n).fill(0);
      let moving = 0;
      for (let i = 0; i < n; i++) {
        if (mass[i] === 0) continue;
        const row = rows[i];
        if (row.opening === 0) {
          // A bucket never observed: nothing says it clears, so keep it where it is.
          next[i] += mass[i];
          continue;
        }
        cleared[start] += mass[i] * (row.to.paid + row.to.credited);
        for (let j = 0; j < n; j++) next[j] += mass[i] * row.to[labels[j]];
      }
      mass = next;
      for (const v of mass) moving += v;
      if (moving < 1e-12) break;
    }
  }
  return cleared.map((c) => Math.min(1, Math.max(0, 1 - c)));
}
