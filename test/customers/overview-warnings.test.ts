// The overview's panel of the newest warnings: the engine's warnings at D, the most severe and
// most recent first, five at most, with how many there are in all; it streams in after the page.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { earlyWarnings } from '../../src/lib/server/risk/index.ts';
import { loadEvent, twoCustomers } from './helpers.ts';
import type { PageServerData } from '../../src/routes/$types';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/app-db', () => ({ appDb: async () => state.db }));
const { load } = await import('../../src/routes/+page.server.ts');

const D = '2024-03-31';
const RANK = { high: 0, medium: 1, low: 2 };
let db: Database;

beforeAll(async () => {
  db = await openBook(twoCustomers);
  state.db = db;
});
afterAll(() => db.close());

describe('newest warnings on the overview', () => {
  test('are the engine’s warnings at D, most severe first and, within a severity, the latest first', async () => {
    const out = (await load((await loadEvent(db, `/?as_of=${D}`)) as never)) as PageServerData;
    const panel = await out.overview!.warnings;
    const engine = await earlyWarnings(db, { asOf: D });
    // A3 is 91 days past due: there is at least that to warn about.
    expect(engine.some((w) => w.customer_id === 'A')).toBe(true);
    expect(panel.total).toBe(engine.length);
    expect(panel.newest.length).toBe(Math.min(5, engine.length));
    const key = (w: { customer_id: string | null; rule: string }) => `${w.customer_id}|${w.rule}`;
    const all = new Set(engine.map(key));
    for (const w of panel.newest) expect(all.has(key(w))).toBe(true);
    for (let i = 1; i < panel.newest.length; i++) {
      const [a, b] = [panel.newest[i - 1], panel.newest[i]];
      expect(RANK[a.severity] < RANK[b.severity] || (a.severity === b.severity && a.since >= b.since), `${key(a)} before ${key(b)}`).toBe(true);
    }
    // Nothing left out ranks above the last one shown.
    const last = panel.newest[panel.newest.length - 1];
    const shown = new Set(panel.newest.map(key));
    for (const w of engine.filter((w) => !shown.has(key(w)))) {
      expect(RANK[w.severity] > RANK[last.severity] || (w.severity === last.severity && w.since <= last.since)).toBe(true);
    }
  });
});
