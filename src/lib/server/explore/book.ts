/** The bound values every explorer query shares: the scope, the customers' risk tiers, the macros on the connection. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';
import { customerScores } from '../risk/scores.ts';
import { execute, type Params } from '../sql.ts';
import type { ExploreScope } from './scope.ts';

/** Creates the explorer's macro explore_book on `conn`, for the length of the connection. */
export async function prepareExplore(conn: DuckDBConnection): Promise<void> {
  await execute(conn, 'explore_macro_book');
}

/** Creates the macro explore_selection on `conn`, over its explore_invoices (filled first: the macro is checked against it). */
export async function prepareSelection(conn: DuckDBConnection): Promise<void> {
  await execute(conn, 'explore_macro_selection');
}

/**
 * Each customer's risk tier at the scope's date, as the parallel lists explore_book takes. Read
 * from the customers' scores as the risk pages remember them (the default view's are computed
 * ahead when the server starts and after each write), so an explorer request seldom scores
 * anyone itself: scoring every customer is the costliest part of a cold request. A customer the
 * risk engine does not score (no activity) has no tier.
 */
export async function tiersOf(db: Database, scope: ExploreScope): Promise<{ tier_ids: string[]; tier_names: string[] }> {
  const filter = {
    ...(scope.segment ? { segment: scope.segment } : {}),
    ...(scope.region ? { region: scope.region } : {}),
    ...(scope.currency ? { currency: scope.currency } : {}),
  };
  const scores = await customerScores(db, { asOf: scope.asOf, filter });
  return { tier_ids: scores.map((s) => s.customer_id), tier_names: scores.map((s) => s.tier) };
}

/** The bound values of explore_book for `scope`, tiers included. */
export async function scopeParams(db: Database, scope: ExploreScope): Promise<Params> {
  const tiers = await tiersOf(db, scope);
  return {
    as_of: scope.asOf,
    segment: scope.segment,
    region: scope.region,
    currency: scope.currency,
    tier: scope.tier,
    // An empty list would bind without an element type; NULL means "no tiers" to the macro.
    tier_ids: tiers.tier_ids.length ? [...tiers.tier_ids] : null,
    tier_names: tiers.tier_names.length ? [...tiers.tier_names] : null,
  };
}
