/**
 * The views visitors opened last, beyond the default ones: after a write, the warm-up refreshes
 * them too (warm-up.ts), so that a customer someone is looking at is served its figures from
 * before the write until the new ones are ready, instead of a wait for every visitor at once.
 */
import type { Database } from './db.ts';

/** Views kept at most: each costs its refresh after every write. */
export const RECENT_VIEWS = 8;

/** Per database: each view's refresh, the most recent last. */
const views = new WeakMap<Database, Map<string, () => Promise<unknown>>>();
/** Per database: who is told of a view not among the recent ones before. */
const listeners = new WeakMap<Database, () => unknown>();

/**
 * Notes that view `key` was opened; `refresh` computes its answers (through the page's own
 * function). A view new to the list is told to the listener (the warm-up, which then takes it in
 * at once: its answers are then served from before the next write until they are refreshed);
 * returns what the listener returned then.
 */
export function noteView(db: Database, key: string, refresh: () => Promise<unknown>): unknown {
  let recent = views.get(db);
  if (!recent) views.set(db, (recent = new Map()));
  const known = recent.delete(key);
  recent.set(key, refresh);
  if (recent.size > RECENT_VIEWS) recent.delete(recent.keys().next().value as string);
  return known ? undefined : listeners.get(db)?.();
}

/** Calls `listener` whenever a view new to the recent ones is noted on `db`. */
export function onNewRecentView(db: Database, listener: () => unknown): void {
  listeners.set(db, listener);
}

/** The refreshes of the views opened last, the most recent first. */
export function recentViews(db: Database): (() => Promise<unknown>)[] {
  return [...(views.get(db)?.values() ?? [])].reverse();
}
