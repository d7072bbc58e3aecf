/**
 * A scope's invoices kept binned on a DuckDB connection of their own, for the server-side bins:
 * deriving a large book's invoices (rates, last payment methods, tiers) is the costly part of a
 * request, so it is done once per scope and data generation, and every brush after that only
 * filters and groups the kept table. A few scopes are kept, each until the next write, an idle
 * spell or a newer scope pushes it out; requests on one scope take turns on its connection.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { dayEdges, logEdges } from '../../explore/bins.ts';
import { monthsFrom, type YMeasure } from '../../explore/selection.ts';
import { DBT_BINS, SCATTER_X_BINS, SCATTER_Y_BINS } from '../../explore/views.ts';
import { assertRatesFound } from '../book-params.ts';
import type { Database } from '../db.ts';
import { execute, query } from '../sql.ts';
import { prepareExplore, prepareSelection, scopeParams } from './book.ts';
import { dataGeneration } from './generation.ts';
import type { ExploreScope } from './scope.ts';

/** How a kept scope's numeric views are binned (the same edges the browser would make from the rows). */
export interface BinnedScope {
  invoices: number;
  /** Amount edges (log) of the scatter. */
  x: number[];
  /** Days edges of the scatter, for each vertical measure. */
  y: Record<YMeasure, number[]>;
  /** Edges of the days-beyond-terms histogram. */
  dbt: number[];
  months: string[];
}

interface Extents {
  invoices: number;
  amount_min: number | null;
  amount_max: number | null;
  dtp_min: number | null;
  dtp_max: number | null;
  dbt_min: number | null;
  dbt_max: number | null;
  month_first: string | null;
  month_last: string | null;
  missing_rate: string | null;
}

/** Scopes kept at most (each holds its invoices in DuckDB's memory), and how long an unused one stays. */
const CAPACITY = 2;
const IDLE_MS = 10 * 60_000;

interface Kept {
  generation: object;
  ready: Promise<BinnedScope>;
  /** The end of the last piece of work queued on the connection. */
  turn: Promise<unknown>;
  conn: Promise<DuckDBConnection>;
  release: () => void;
  /** Settles once the connection is closed. */
  closed: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
}

const kept = new Map<string, Kept>();

/** A connection of `db` held open until `release` is called. */
function holdConnection(db: Database): { conn: Promise<DuckDBConnection>; release: () => void; closed: Promise<void> } {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let closed: Promise<void> = Promise.resolve();
  const conn = new Promise<DuckDBConnection>((resolve, reject) => {
    closed = db
      .read(async (c) => {
        resolve(c);
        await released;
      })
      .catch(reject);
  });
  return { conn, release, closed };
}

/** The edges of every numeric view for a scope's extents. */
function layoutOf(e: Extents): BinnedScope {
  return {
    invoices: e.invoices,
    x: logEdges(Math.max(e.amount_min ?? 0.01, 0.01), Math.max(e.amount_max ?? 0.01, 0.01), SCATTER_X_BINS),
    y: {
      days_to_pay: dayEdges(e.dtp_min ?? 0, e.dtp_max ?? 0, SCATTER_Y_BINS),
      days_beyond_terms: dayEdges(e.dbt_min ?? 0, e.dbt_max ?? 0, SCATTER_Y_BINS),
    },
    dbt: dayEdges(e.dbt_min ?? 0, e.dbt_max ?? 0, DBT_BINS),
    months: e.month_first && e.month_last ? monthsFrom(e.month_first, e.month_last) : [],
  };
}

/** The first edge, width and number of bins of equal-width edges, as explore_cells takes them. */
const even = (name: string, edges: number[]) => ({
  [`${name}_first`]: edges[0],
  [`${name}_step`]: edges.length > 1 ? edges[1] - edges[0] : 1,
  [`${name}_bins`]: edges.length - 1,
});

/** Fills explore_invoices on `conn` with the scope's invoices and their bins; returns their layout. */
async function fill(db: Database, conn: DuckDBConnection, scope: ExploreScope): Promise<BinnedScope> {
  await prepareExplore(conn);
  await execute(conn, 'explore_fill', await scopeParams(db, scope));
  const [extents] = await query<Extents>(conn, 'explore_extents');
  assertRatesFound(extents.missing_rate);
  const layout = layoutOf(extents);
  await execute(conn, 'explore_cells', {
    x_edges: layout.x,
    ...even('dtp', layout.y.days_to_pay),
    ...even('ydbt', layout.y.days_beyond_terms),
    ...even('dbt', layout.dbt),
  });
  await prepareSelection(conn);
  return layout;
}

/** Forgets a kept scope and lets its connection go once its queued work is done. */
function drop(key: string, entry: Kept): void {
  if (kept.get(key) === entry) kept.delete(key);
  clearTimeout(entry.timer);
  entry.turn.finally(entry.release);
}

/** Forgets every kept scope (tests, and a server shutting down); settles once their connections are closed. */
export async function forgetKeptBooks(): Promise<void> {
  const entries = [...kept];
  for (const [key, entry] of entries) drop(key, entry);
  await Promise.all(entries.map(([, entry]) => entry.closed));
}

/** The kept scope of `scope` for the data as it is now, made (and filled) when missing. */
async function keptScope(db: Database, scope: ExploreScope): Promise<Kept> {
  const key = JSON.stringify(scope);
  const generation = await dataGeneration(db);
  const found = kept.get(key);
  if (found && found.generation === generation) return found;
  if (found) drop(key, found);
  const { conn, release, closed } = holdConnection(db);
  const ready = conn.then((c) => fill(db, c, scope));
  const entry: Kept = { generation, ready, turn: ready.catch(() => undefined), conn, release, closed };
  kept.set(key, entry);
  while (kept.size > CAPACITY) {
    const [oldest, old] = kept.entries().next().value as [string, Kept];
    drop(oldest, old);
  }
  ready.catch(() => drop(key, entry));
  return entry;
}

/**
 * Runs `work` on a connection where explore_invoices holds `scope`'s invoices with their bins
 * (explore_cells), after any work queued before it on that scope.
 */
export async function onKeptBook<T>(db: Database, scope: ExploreScope, work: (conn: DuckDBConnection, layout: BinnedScope) => Promise<T>): Promise<T> {
  const entry = await keptScope(db, scope);
  const key = JSON.stringify(scope);
  clearTimeout(entry.timer);
  const result = entry.turn.then(async () => work(await entry.conn, await entry.ready));
  entry.turn = result.catch(() => undefined);
  entry.timer = setTimeout(() => drop(key, entry), IDLE_MS);
  entry.timer.unref?.();
  return result;
}

/**
 * Runs `work` as onKeptBook does when `scope` is kept for the data as it is now (the page is
 * showing server-side bins for it), so that its list reads the kept invoices; undefined when not.
 */
export async function onKeptBookIfAny<T>(db: Database, scope: ExploreScope, work: (conn: DuckDBConnection) => Promise<T>): Promise<{ value: T } | undefined> {
  const entry = kept.get(JSON.stringify(scope));
  if (!entry || entry.generation !== (await dataGeneration(db))) return undefined;
  return { value: await onKeptBook(db, scope, work) };
}
