/** The risk page's data in the shapes its charts draw: tiers with labels and colours, migration steps, matrix points, roll-rate grid. */
import { CLOSED_STATES, type RollRateRow } from '$lib/loss-rates';
import { TIER_COLORS } from '$lib/charts/risk-palette';
import type { Category, HeatAxisItem, MigrationStep, RiskPoint, TierShare } from '$lib/charts/risk-chart-types';
import { t, type MessageKey } from '$lib/i18n';
import { TIERS, type TierDistribution, type TierFlow } from '$lib/risk/types';
import type { RiskMatrixCustomer } from '$lib/server/risk-pages';

/** The tiers ranked from safest to riskiest (unrated is not ranked: moves to or from it are neither up nor down). */
export const RANKED_TIERS: string[] = TIERS.filter((tier) => tier !== 'unrated');

/** A tier's name in the interface language. */
export const tierName = (tier: string) => t(`risk.tier.${tier}` as MessageKey);

/** Every tier (unrated last) as a legend category. */
export function tierCategories(tiers: readonly string[] = TIERS): Category[] {
  return tiers.map((key) => ({ key, label: tierName(key), color: TIER_COLORS[key] ?? '#9aa3ad' }));
}

/** The distribution at D as the tier bars draw it, in the engine's tier order. */
export function tierShares(distribution: TierDistribution): TierShare[] {
  return distribution.tiers.map((row) => ({
    key: row.tier,
    label: tierName(row.tier),
    color: TIER_COLORS[row.tier] ?? '#9aa3ad',
    customers: row.customers,
    exposure: row.exposure,
  }));
}

/** One step per later date of `dates` (the first date only starts the history), each with its flows. */
export function migrationSteps(dates: readonly string[], flows: readonly TierFlow[]): MigrationStep[] {
  return dates.slice(1).map((date) => ({
    date,
    flows: flows
      .filter((f) => f.to_date === date)
      .map((f) => ({ from: f.from_tier, to: f.to_tier, customers: f.customers, exposure: f.exposure })),
  }));
}

/** A step as a from × to grid over every tier: customers and their AR per cell (0 where nobody moved). */
export function migrationGrid(step: MigrationStep): { tiers: string[]; customers: number[][]; exposure: number[][] } {
  const tiers = [...TIERS] as string[];
  const customers = tiers.map(() => tiers.map(() => 0));
  const exposure = tiers.map(() => tiers.map(() => 0));
  for (const f of step.flows) {
    const i = tiers.indexOf(f.from);
    const j = tiers.indexOf(f.to);
    if (i < 0 || j < 0) continue;
    customers[i][j] += f.customers;
    exposure[i][j] += f.exposure;
  }
  return { tiers, customers, exposure };
}

/** The largest count off the diagonal (the moves), so that moves, not stays, set the heat map's scale. */
export function largestMove(grid: readonly (readonly number[])[]): number {
  let top = 0;
  grid.forEach((row, i) => row.forEach((v, j) => i !== j && v > top && (top = v)));
  return top;
}

/**
 * The customers the risk matrix can place: a score (not a thin history) and a positive AR
 * (a log axis has no zero); the rest are counted for the page to say so.
 */
export function riskPoints(customers: readonly RiskMatrixCustomer[], hrefOf: (id: string) => string): { points: RiskPoint[]; left: number } {
  const points: RiskPoint[] = [];
  for (const c of customers) {
    if (c.score === null || !(c.ar > 0)) continue;
    points.push({ id: c.customer_id, name: c.name, exposure: c.ar, score: c.score, overdue: Math.max(0, c.overdue), tier: c.tier, href: hrefOf(c.customer_id) });
  }
  return { points, left: customers.length - points.length };
}

/** The roll-rate matrix as heat-map rows (each bucket, with its observed balance) and columns (buckets, then closed states). */
export function rollRateGrid(
  rows: readonly RollRateRow[],
  bucketName: (label: string) => string,
  columnName: (label: string) => string,
  formatAmount: (value: number) => string,
): { rows: HeatAxisItem[]; columns: HeatAxisItem[]; values: (number | null)[][] } {
  const labels = rows.map((r) => r.from);
  const next = t('risk.roll.next');
  const closed = t('risk.roll.closed');
  const columns: HeatAxisItem[] = [
    ...labels.map((l) => ({ key: l, label: columnName(l), group: next })),
    ...CLOSED_STATES.map((s) => ({ key: s, label: t(`risk.roll.${s}`), group: closed })),
  ];
  return {
    rows: rows.map((r) => ({ key: r.from, label: bucketName(r.from), note: formatAmount(r.opening) })),
    columns,
    // A bucket with no balance at any month-end has no observed rates: grey, not 0%.
    values: rows.map((r) => columns.map((c) => (r.opening > 0 ? (r.to[c.key] ?? 0) : null))),
  };
}
