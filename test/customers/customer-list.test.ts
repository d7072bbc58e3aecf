// The customers list: every customer of the view with the aging table's AR, overdue and
// utilisation and the risk engine's score and tier; searched, filtered by tier, sorted, paged.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openBook } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { agingByCustomer } from '../../src/lib/server/aging.ts';
import type { CustomerListRow } from '../../src/lib/server/customer-list.ts';
import { withScores } from '../../src/lib/server/customer-list.ts';
import { customerScores } from '../../src/lib/server/risk/index.ts';
import { rowsOfTier, sortCustomers } from '../../src/routes/customers/customer-table.ts';
import { loadEvent, statusOf, twoCustomers } from './helpers.ts';
import type { PageServerData } from '../../src/routes/customers/$types';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/app-db', () => ({ appDb: async () => state.db }));
const { load } = await import('../../src/routes/customers/+page.server.ts');

const D = '2024-03-31';
let db: Database;

async function list(query = '') {
  const out = (await load((await loadEvent(db, `/customers?as_of=${D}&${query}`)) as never)) as PageServerData;
  return out.list!;
}
const ids = (rows: { customer_id: string }[]) => rows.map((r) => r.customer_id);

beforeAll(async () => {
  db = await openBook(twoCustomers);
  state.db = db;
});
afterAll(() => db.close());

describe('the list’s figures', () => {
  test('every customer, largest balance first, with the aging table’s AR, overdue and utilisation', async () => {
    const l = await list();
    // A 1,650, B 1,620, C nothing.
    expect(ids(l.rows)).toEqual(['A', 'B', 'C']);
    const aging = new Map((await agingByCustomer(db, { asOf: D })).map((r) => [r.customer_id, r]));
    for (const r of l.rows) {
      const a = aging.get(r.customer_id);
      expect(r.ar).toBe(a?.ar ?? 0);
      expect(r.overdue).toBe(a?.overdue ?? 0);
    }
    expect(l.rows.map((r) => r.utilisation)).toEqual([aging.get('A')!.utilisation, null, 0]);
    // C owes nothing against its 2,000 limit: 0% used; B has no limit.
    expect(l.rows.map((r) => r.credit_limit)).toEqual([5000, null, 2000]);
  });

  test('scores and tiers stream in for the page’s rows, as customerScores gives them', async () => {
    const l = await list();
    expect(l.rows.every((r) => r.tier === null)).toBe(true);
    const streamed = await l.pageScores!;
    const engine = await customerScores(db, { asOf: D });
    expect(streamed.sort((a, b) => a.customer_id.localeCompare(b.customer_id))).toEqual(
      engine.map(({ customer_id, score, tier }) => ({ customer_id, score, tier })).sort((a, b) => a.customer_id.localeCompare(b.customer_id)),
    );
  });
});

describe('search, filters and order from the URL', () => {
  test('search matches id or name ignoring case; the view’s segment filter applies', async () => {
    expect(ids((await list('q=OCEAN')).rows)).toEqual(['B']);
    expect(ids((await list('q=c')).rows)).toEqual(['A', 'B', 'C']);
    expect(ids((await list('segment=Enterprise')).rows)).toEqual(['A', 'C']);
    expect((await list('q=nobody')).matching).toBe(0);
  });

  test('sorts by an allow-listed column; anything else falls back to AR, largest first', async () => {
    expect(ids((await list('sort=name')).rows)).toEqual(['A', 'B', 'C']);
    expect(ids((await list('sort=-name')).rows)).toEqual(['C', 'B', 'A']);
    // 33%, 0%, then B without a limit last.
    expect(ids((await list('sort=-utilisation')).rows)).toEqual(['A', 'C', 'B']);
    expect((await list('sort=ar;drop')).sort).toEqual({ key: 'ar', desc: true });
  });

  test('a tier filter or a score order waits for the scores; these three have too little history and are unrated', async () => {
    const unrated = await list('tier=unrated');
    expect(ids(unrated.rows)).toEqual(['A', 'B', 'C']);
    expect(unrated.pageScores).toBeNull();
    expect(unrated.rows.every((r) => r.tier === 'unrated' && r.score === null)).toBe(true);
    expect((await list('tier=vip')).matching).toBe(0);
    expect(ids((await list('sort=score')).rows)).toEqual(['A', 'B', 'C']);
  });

  test('a tier the engine does not have, or a bad page, is a 400; a page past the end shows the last', async () => {
    expect(await statusOf(() => list('tier=gold'))).toBe(400);
    expect(await statusOf(() => list('page=0'))).toBe(400);
    expect((await list('page=5')).page).toBe(1);
  });
});

describe('ordering rows', () => {
  const row = (id: string, score: number | null, tier: CustomerListRow['tier'], ar: number): CustomerListRow => ({
    customer_id: id, name: `Customer ${id}`, segment: null, region: null, currency: 'USD',
    ar, overdue: 0, overdue_ratio: null, credit_limit: null, utilisation: null, score, tier,
  });
  const rows = [row('C1', 80, 'vip', 10), row('C2', 35, 'high_risk', 50), row('C10', null, 'unrated', 30), row('C3', 55, 'watch', 20)];

  test('score: lowest (riskiest) first, unscored last either way', () => {
    expect(ids(sortCustomers(rows, { key: 'score', desc: false }))).toEqual(['C2', 'C3', 'C1', 'C10']);
    expect(ids(sortCustomers(rows, { key: 'score', desc: true }))).toEqual(['C1', 'C3', 'C2', 'C10']);
  });

  test('tier: riskiest first when descending, unrated last; names sort naturally', () => {
    expect(ids(sortCustomers(rows, { key: 'tier', desc: true }))).toEqual(['C2', 'C3', 'C1', 'C10']);
    expect(ids(sortCustomers(rows, { key: 'name', desc: false }))).toEqual(['C1', 'C2', 'C3', 'C10']);
  });

  test('a tier filter keeps that tier; scores join by customer id', () => {
    expect(ids(rowsOfTier(rows, 'watch'))).toEqual(['C3']);
    expect(rowsOfTier(rows, null)).toHaveLength(4);
    const joined = withScores([row('C1', null, null, 1)], [{ customer_id: 'C1', score: 61.5, tier: 'watch' }, { customer_id: 'X', score: 1, tier: 'vip' }]);
    expect(joined.map((r) => [r.score, r.tier])).toEqual([[61.5, 'watch']]);
  });
});
