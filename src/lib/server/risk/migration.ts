/** Tier history: who moved between tiers month to month, and how customers and AR spread over the tiers. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RiskConfig } from '../../risk/config.ts';
import { monthlyDates } from '../../risk/dates.ts';
import { TIERS, type Tier, type TierDistribution, type TierFlow, type TierMigration } from '../../risk/types.ts';
import type { BookFilter } from '../../types.ts';
import type { Database } from '../db.ts';
import { riskConfigOn } from './config.ts';
import { datedFactorsAtDates } from './factors.ts';
import { monthsParam } from './history.ts';
import { tierPoint, type TierPoint } from './scores.ts';

export interface TierMigrationParams {
  asOf: string;
  /** Month-to-month steps to show (default 12). */
  months?: number;
  filter?: BookFilter;
  config?: RiskConfig;
}

/** An amount in whole cents, so that sums of balances stay exact (AR is exact to the cent). */
const cents = (amount: number) => Math.round(amount * 100);

/** Customers and AR per tier among `scores` (every tier listed, empty ones with 0). */
export function distributionOf(date: string, scores: readonly TierPoint[]): TierDistribution {
  const tiers = TIERS.map((tier) => ({ tier, customers: 0, exposure: 0 }));
  for (const s of scores) {
    const row = tiers[TIERS.indexOf(s.tier)];
    row.customers += 1;
    row.exposure += cents(s.ar);
  }
  return { date, tiers: tiers.map((t) => ({ ...t, exposure: t.exposure / 100 })) };
}

/**
 * Flows between the tiers of two consecutive dates. A customer active at only one of the two
 * is left out (it joined or left the book); a customer that stayed in its tier is a flow from
 * that tier to itself, so every customer of both dates is counted once.
 */
export function flowsBetween(fromDate: string, from: readonly TierPoint[], toDate: string, to: readonly TierPoint[]): TierFlow[] {
  const before = new Map(from.map((s) => [s.customer_id, s.tier]));
  const flows = new Map<string, TierFlow>();
  for (const s of to) {
    const previous = before.get(s.customer_id);
    if (previous === undefined) continue;
    const key = `${previous}>${s.tier}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { from_date: fromDate, to_date: toDate, from_tier: previous, to_tier: s.tier, customers: 0, exposure: 0 };
      flows.set(key, flow);
    }
    flow.customers += 1;
    flow.exposure += cents(s.ar);
  }
  for (const flow of flows.values()) flow.exposure /= 100;
  const order = (t: Tier) => TIERS.indexOf(t);
  return [...flows.values()].sort((a, b) => order(a.from_tier) - order(b.from_tier) || order(a.to_tier) - order(b.to_tier));
}

/** Every active customer's tier and AR at each of `dates` (each list in customer-id order): scores without their reasons and factors. */
async function tiersAtDates(conn: DuckDBConnection, dates: readonly string[], filter?: BookFilter, config?: RiskConfig): Promise<Map<string, TierPoint[]>> {
  const cfg = config ?? (await riskConfigOn(conn));
  const out = new Map<string, TierPoint[]>(dates.map((d) => [d, []]));
  for (const row of await datedFactorsAtDates(conn, dates, filter)) out.get(row.date)!.push(tierPoint(row, cfg));
  return out;
}

/** The tier flows of each of the `months` steps ending at D, and the tier distribution at every date. */
export function tierMigration(db: Database, params: TierMigrationParams): Promise<TierMigration> {
  return db.remember('tierMigration', params, () => computeTierMigration(db, params));
}

async function computeTierMigration(db: Database, params: TierMigrationParams): Promise<TierMigration> {
  const dates = monthlyDates(params.asOf, monthsParam(params.months));
  const byDate = await db.read((conn) => tiersAtDates(conn, dates, params.filter, params.config));
  const flows: TierFlow[] = [];
  for (let i = 1; i < dates.length; i++) flows.push(...flowsBetween(dates[i - 1], byDate.get(dates[i - 1])!, dates[i], byDate.get(dates[i])!));
  return { as_of: params.asOf, dates, flows, distribution: dates.map((d) => distributionOf(d, byDate.get(d)!)) };
}

/** Customers and AR per tier as of D. */
export function tierDistribution(db: Database, params: { asOf: string; filter?: BookFilter; config?: RiskConfig }): Promise<TierDistribution> {
  return db.remember('tierDistribution', params, async () => {
    const byDate = await db.read((conn) => tiersAtDates(conn, [params.asOf], params.filter, params.config));
    return distributionOf(params.asOf, byDate.get(params.asOf)!);
  });
}
