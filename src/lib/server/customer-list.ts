/** The customers list: every customer of a view (or those a search finds) with AR, overdue and utilisation from the aging, and score and tier from the risk engine. */
import type { CustomerScore, Tier } from '../risk/types.ts';
import type { BookFilter, CustomerAging } from '../types.ts';
import { agingByCustomer } from './aging.ts';
import { customerScores } from './risk/index.ts';
import { bookParams } from './book-params.ts';
import type { Database } from './db.ts';
import { query } from './sql.ts';

/** One line of the customers list. Money in the base currency at D's rate. */
export interface CustomerListRow {
  customer_id: string;
  name: string;
  segment: string | null;
  region: string | null;
  currency: string;
  /** AR, overdue and utilisation as the aging table has them; 0 (and null utilisation) for a customer with no balance. */
  ar: number;
  overdue: number;
  overdue_ratio: number | null;
  credit_limit: number | null;
  utilisation: number | null;
  /** From the risk engine: null score for a thin history; null tier when not scored (inactive, or not yet known). */
  score: number | null;
  tier: Tier | null;
}

type Directory = Omit<CustomerListRow, 'ar' | 'overdue' | 'overdue_ratio' | 'utilisation' | 'score' | 'tier'>;

/** The customers of the view whose id or name contains `q` (ignoring case), with their master data. */
export function customerDirectory(db: Database, params: { asOf: string; filter?: BookFilter; q?: string }): Promise<Directory[]> {
  const p = bookParams({ asOf: params.asOf, filter: params.filter });
  const q = params.q?.trim() || null;
  // A missing FX rate shows as a missing limit here; agingByCustomer, run beside it, reports it.
  return db.remember('customerDirectory', { ...p, q }, () => db.read((conn) => query<Directory>(conn, 'customer_list', { ...p, q })));
}

/** Each scored customer's score and tier at D (the risk engine's customerScores), kept until the next write. */
export function scoresOfView(db: Database, params: { asOf: string; filter?: BookFilter }): Promise<Pick<CustomerScore, 'customer_id' | 'score' | 'tier'>[]> {
  return db.remember('customerListScores', params, async () =>
    (await customerScores(db, params)).map(({ customer_id, score, tier }) => ({ customer_id, score, tier })),
  );
}

/** The list's rows: the directory beside the aging by customer (customers without a balance owe 0). */
export function listRows(directory: readonly Directory[], aging: readonly CustomerAging[]): CustomerListRow[] {
  const byId = new Map(aging.map((a) => [a.customer_id, a]));
  return directory.map((d) => {
    const a = byId.get(d.customer_id);
    const ar = a?.ar ?? 0;
    const overdue = a?.overdue ?? 0;
    return {
      ...d,
      ar,
      overdue,
      overdue_ratio: ar > 0 ? overdue / ar : null,
      // Nothing owed uses none of a limit.
      utilisation: a ? a.utilisation : d.credit_limit ? 0 : null,
      score: null,
      tier: null,
    };
  });
}

/** `rows` with the scores and tiers of `scores` (customers the engine did not score keep nulls). */
export function withScores(rows: readonly CustomerListRow[], scores: readonly Pick<CustomerScore, 'customer_id' | 'score' | 'tier'>[]): CustomerListRow[] {
  const byId = new Map(scores.map((s) => [s.customer_id, s]));
  return rows.map((r) => {
    const s = byId.get(r.customer_id);
    return s ? { ...r, score: s.score, tier: s.tier } : r;
  });
}

/** The list for a view and search, without scores (they come from customerScores, which takes longer). */
export async function customerList(db: Database, params: { asOf: string; filter?: BookFilter; q?: string }): Promise<CustomerListRow[]> {
  const [directory, aging] = await Promise.all([customerDirectory(db, params), agingByCustomer(db, { asOf: params.asOf, filter: params.filter })]);
  return listRows(directory, aging);
}
