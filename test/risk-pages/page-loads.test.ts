// The risk and warnings pages' server loads on a small demo book: every figure they hand the
// page equals what the engine and the ECL functions say for the same view, and the parts add up.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { expectedCreditLoss } from '../../src/lib/server/ecl.ts';
import { viewFromUrl } from '../../src/lib/server/page-params.ts';
import { customerScores, earlyWarnings, tierDistribution, tierMigration } from '../../src/lib/server/risk/index.ts';
import { riskPortfolio } from '../../src/lib/server/risk-pages.ts';
import type { ViewState } from '../../src/lib/url-state.ts';
import { openDemo } from '../demo/helpers.ts';

const held = vi.hoisted(() => ({ db: undefined as Database | undefined }));
vi.mock('$lib/server/app-db', () => ({ appDb: async () => held.db }));

const { load: riskLoad } = await import('../../src/routes/risk/+page.server.ts');
const { load: warningsLoad } = await import('../../src/routes/warnings/+page.server.ts');

const AS_OF = '2026-09-30';
const cents = (x: number) => Math.round(x * 100);
const cfo = { user: { name: 'cfo', role: 'cfo' as const } };

let db: Database;
let view: ViewState;
let segment: string;

/** The event a load sees for `path?query` (only what these loads read). */
async function event(path: string, query: string, locals: object = cfo) {
  const url = new URL(`http://x${path}?${query}`);
  const bounds = await bookBounds(db);
  const parentView = viewFromUrl(url, bounds);
  return { url, locals, parent: async () => ({ view: parentView, problem: null, bounds }) } as never;
}

beforeAll(async () => {
  ({ db } = await openDemo({ customers: 120, invoices: 4_000, seed: 7 }));
  held.db = db;
  const bounds = await bookBounds(db);
  segment = bounds.segments[0];
  view = viewFromUrl(new URL(`http://x/risk?as_of=${AS_OF}`), bounds)!;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('the risk page’s load', () => {
  test('the provision matrix adds up to expectedCreditLoss’s ECL, bucket by bucket', async () => {
    const data = (await riskLoad(await event('/risk', `as_of=${AS_OF}`))) as { risk: any };
    const ecl = await data.risk.ecl;
    const expected = await expectedCreditLoss(db, { asOf: AS_OF, months: 12 });
    const matrix = ecl.provision_matrix as { bucket: string; balance: number; provision: number }[];
    expect(matrix.map((r) => r.bucket)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    expect(cents(ecl.ecl)).toBe(cents(expected.ecl));
    // The table's provisions, summed to the cent, are the ECL on its total line.
    expect(matrix.reduce((s, r) => s + cents(r.provision), 0)).toBe(cents(expected.ecl));
    // Balances in the buckets plus unapplied credit are the AR (bucket balances carry FX fractions of a cent).
    const buckets = matrix.reduce((s, r) => s + r.balance, 0);
    expect(Math.abs(cents(buckets + ecl.unapplied) - cents(expected.ar))).toBeLessThanOrEqual(1);
    // Every observed roll-rate row is shares that sum to 1.
    for (const row of ecl.roll_rates.filter((r: { opening: number }) => r.opening > 0)) {
      expect(Object.values(row.to as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
    await data.risk.portfolio;
  });

  test('tiers, matrix and migration equal the engine’s, and the tiers add up to the customers scored', async () => {
    const data = (await riskLoad(await event('/risk', `as_of=${AS_OF}`))) as { risk: any };
    const p = await data.risk.portfolio;
    const [scores, distribution, migration] = [
      await customerScores(db, { asOf: AS_OF }),
      await tierDistribution(db, { asOf: AS_OF }),
      await tierMigration(db, { asOf: AS_OF, months: 12 }),
    ];
    expect(p.distribution).toEqual(distribution);
    const customers = p.distribution.tiers.reduce((n: number, t: { customers: number }) => n + t.customers, 0);
    expect(customers).toBe(scores.length);
    expect(p.customers).toHaveLength(scores.length);
    // Exposure per tier, to the cent, is the AR of that tier's customers.
    for (const tier of p.distribution.tiers) {
      const ar = scores.filter((s) => s.tier === tier.tier).reduce((sum, s) => sum + cents(s.ar), 0);
      expect(cents(tier.exposure)).toBe(ar);
    }
    // Each customer's score and tier on the matrix are the engine's.
    const byId = new Map(scores.map((s) => [s.customer_id, s]));
    for (const c of p.customers) expect([c.score, c.tier, cents(c.ar), cents(c.overdue)]).toEqual([byId.get(c.customer_id)!.score, byId.get(c.customer_id)!.tier, cents(byId.get(c.customer_id)!.ar), cents(byId.get(c.customer_id)!.overdue)]);
    expect(p.dates).toEqual(migration.dates);
    expect(p.flows).toEqual(migration.flows);
    // 12 steps: the 12 month-ends before September 2026, then 30 September itself.
    expect(p.dates).toHaveLength(13);
    expect(p.dates[0]).toBe('2025-09-30');
  });

  test('a filter reaches the engine: the segment’s tiers are the engine’s for that segment', async () => {
    const data = (await riskLoad(await event('/risk', `as_of=${AS_OF}&segment=${encodeURIComponent(segment)}`))) as { risk: any };
    const p = await data.risk.portfolio;
    expect(p.distribution).toEqual(await tierDistribution(db, { asOf: AS_OF, filter: { segment } }));
    expect(cents((await data.risk.ecl).ecl)).toBe(cents((await expectedCreditLoss(db, { asOf: AS_OF, filter: { segment } })).ecl));
  });

  test('the page frame does not wait for the engine: scores and provisions arrive as promises', async () => {
    const bounds = await bookBounds(db);
    const region = bounds.regions[bounds.regions.length - 1];
    const data = (await riskLoad(await event('/risk', `as_of=2026-06-30&region=${encodeURIComponent(region)}`))) as { risk: any };
    expect(data.risk.ecl).toBeInstanceOf(Promise);
    expect(data.risk.portfolio).toBeInstanceOf(Promise);
    // Nothing was computed for this view yet: a timer set now fires before the work is done (had the
    // load waited for it, the settled promises would win the race).
    const both = Promise.all([data.risk.ecl, data.risk.portfolio]).then(() => 'work');
    const first = await Promise.race([both, new Promise((resolve) => setTimeout(() => resolve('frame'), 0))]);
    expect(first).toBe('frame');
    expect(await both).toBe('work');
  });

  test('an anonymous request is refused with a 401', async () => {
    await expect(riskLoad(await event('/risk', '', {}))).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.status === 401);
  });
});

describe('the warnings page’s load', () => {
  test('the list is earlyWarnings: every warning once, filters narrowing it, pages of 50', async () => {
    const all = await earlyWarnings(db, { asOf: AS_OF });
    const data = (await warningsLoad(await event('/warnings', `as_of=${AS_OF}`))) as { warnings: any };
    const list = await data.warnings.list;
    expect(list.total).toBe(all.length);
    expect(list.matching).toBe(all.length);
    expect(list.rows).toHaveLength(Math.min(50, all.length));
    // Counts per severity add up to the total.
    expect(Object.values(list.counts.severity as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(all.length);
    // Most severe first (the default sort).
    const rank = { high: 2, medium: 1, low: 0 } as const;
    const ranks = list.rows.map((r: { severity: keyof typeof rank }) => rank[r.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // The timeline counts the same warnings: in the weeks plus before them.
    const inWeeks = list.timeline.counts.reduce((n: number, c: Record<string, number>) => n + c.high + c.medium + c.low, 0);
    const earlier = Object.values(list.timeline.earlier as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(inWeeks + earlier).toBe(all.length);
  });

  test('severity and rule filters keep exactly the matching warnings', async () => {
    const all = await earlyWarnings(db, { asOf: AS_OF });
    const rule = all[0]?.rule ?? 'past_60';
    const severity = all[0]?.severity ?? 'high';
    const data = (await warningsLoad(await event('/warnings', `as_of=${AS_OF}&severity=${severity}&rule=${rule}&sort=since`))) as { warnings: any };
    const list = await data.warnings.list;
    const expected = all.filter((w) => w.severity === severity && w.rule === rule);
    expect(list.matching).toBe(expected.length);
    expect(list.rows.every((r: { severity: string; rule: string }) => r.severity === severity && r.rule === rule)).toBe(true);
    const since = list.rows.map((r: { since: string }) => r.since);
    expect(since).toEqual([...since].sort());
    expect(data.warnings.sort).toEqual({ key: 'since', desc: false });
  });

  test('the demo book raises warnings at this date', async () => {
    expect((await earlyWarnings(db, { asOf: AS_OF })).length).toBeGreaterThan(0);
  });

  test('an unknown rule is a 400 before any work', async () => {
    await expect(warningsLoad(await event('/warnings', 'rule=nonsense'))).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.status === 400);
  });
});

describe('riskPortfolio is remembered until the next write', () => {
  test('a second ask returns the same answer object', async () => {
    const a = await riskPortfolio(db, { asOf: AS_OF, months: 12, filter: {} });
    const b = await riskPortfolio(db, { asOf: AS_OF, months: 12, filter: {} });
    expect(b).toBe(a);
    expect(view.asOf).toBe(AS_OF);
  });
});
