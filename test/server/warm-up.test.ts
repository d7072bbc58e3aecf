// The default views computed ahead: after warmDefaultViews, what the overview, risk, warnings,
// customers and aging pages ask for first is already remembered; a write calls the listeners
// that start the next warm-up, and forgets what was remembered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { bookParams } from '../../src/lib/server/book-params.ts';
import { Database } from '../../src/lib/server/db.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { warmDefaultViews } from '../../src/lib/server/warm-up.ts';

/** Resolves with the remembered answer, or rejects when `name` for `params` would have to be computed. */
function remembered(db: Database, name: string, params: unknown): Promise<unknown> {
  return db.remember(name, params, async () => {
    throw new Error(`${name} was not computed ahead`);
  });
}

describe('warmDefaultViews', () => {
  let db: Database;
  let last: string;
  beforeAll(async () => {
    db = await Database.open(':memory:');
    await generateDemo(db, { customers: 40, invoices: 2_000, seed: 3 });
    last = (await bookBounds(db)).last_date!;
  });
  afterAll(() => db.close());

  test('remembers the default view of every page', async () => {
    const problems: string[] = [];
    await warmDefaultViews(db, (p) => problems.push(p));
    expect(problems).toEqual([]);
    const whole = { asOf: last, filter: {} };
    await expect(remembered(db, 'portfolioKpis', bookParams({ ...whole, basis: 'due' }))).resolves.toBeTruthy();
    await expect(remembered(db, 'agingByCustomer', bookParams(whole))).resolves.toBeTruthy();
    await expect(remembered(db, 'customerScores', whole)).resolves.toBeTruthy();
    await expect(remembered(db, 'riskPortfolio', { ...whole, months: 12 })).resolves.toBeTruthy();
    await expect(remembered(db, 'earlyWarnings', whole)).resolves.toBeTruthy();
    // Another view was not computed.
    await expect(remembered(db, 'customerScores', { asOf: last, filter: { segment: 'Enterprise' } })).rejects.toThrow('not computed ahead');
  });

  test('a write forgets the remembered answers and calls the after-write listeners', async () => {
    await warmDefaultViews(db);
    let calls = 0;
    db.afterEachWrite(() => calls++);
    await db.write(async (conn) => {
      await conn.run(`INSERT INTO settings VALUES ('warm-up test', 'x')`);
    });
    expect(calls).toBe(1);
    await expect(remembered(db, 'customerScores', { asOf: last, filter: {} })).rejects.toThrow('not computed ahead');
  });
});
