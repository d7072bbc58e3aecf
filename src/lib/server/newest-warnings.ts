/** The overview's panel of warnings: the few that matter most now, most severe first and, within a severity, the newest first. */
import type { Severity, Warning } from '../risk/types.ts';
import type { BookFilter } from '../types.ts';
import type { Database } from './db.ts';
import { earlyWarnings } from './risk/index.ts';

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** `warnings` by severity (high first), then by the date their condition began (latest first), then by name; the first `count`. */
export function newestWarnings(warnings: readonly Warning[], count: number): Warning[] {
  return [...warnings]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.since.localeCompare(a.since) || a.name.localeCompare(b.name, 'en') || a.rule.localeCompare(b.rule))
    .slice(0, count);
}

/** The overview panel's warnings at D and how many there are in all (the engine's, shared with the warnings page). */
export function warningsPanel(db: Database, params: { asOf: string; filter?: BookFilter }, count = 5): Promise<{ total: number; newest: Warning[] }> {
  return db.remember('warningsPanel', { ...params, count }, async () => {
    const all = await earlyWarnings(db, params);
    return { total: all.length, newest: newestWarnings(all, count) };
  });
}
