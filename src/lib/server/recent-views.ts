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

/** Notes that view `key` was opened; `refresh` computes its answers (through the page's own function). */
export function noteView(db: Database, key: string, refresh: () => Promise<unknown>): void {
  let recent = views.get(db);
  if (!recent) views.set(db, (recent = new Map()));
  recent.delete(key);
  recent.set(key, refresh);
  if (recent.size > RECENT_VIEWS) recent.delete(recent.keys().next().value as string);
}

/** The refreshes of the views opened last, the most recent first. */
export function recentViews(db: Database): (() => Promise<unknown>)[] {
  return [...(views.get(db)?.values() ?? [])].reverse();
}
