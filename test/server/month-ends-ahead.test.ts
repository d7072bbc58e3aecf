// The overview at every month-end computed ahead: afterwards each month-end's overview is
// answered without a query, with the very figures a fresh computation of that one view gives;
// the work stops when the data changes, and the server starts it again once the default views
// are refreshed, without making an import wait for it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookBounds, type BookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queriesDuring } from '../helpers/queries-during.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { computeMonthEndsAhead } from '../../src/lib/server/month-ends-ahead.ts';
import { overviewData } from '../../src/lib/server/overview.ts';
import { viewOrProblem } from '../../src/lib/server/page-params.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { monthEnds } from '../../src/lib/server/trends.ts';
import { keepDefaultViewsWarm } from '../../src/lib/server/warm-up.ts';

const DEMO = { customers: 60, invoices: 3_000, seed: 11 } as const;

/** Every part of the overview at `asOf`, awaited. */
async function overviewAt(db: Database, bounds: BookBounds, asOf: string) {
  const { view } = viewOrProblem(new URL(`http://localhost/?as_of=${asOf}`), bounds);
  const o = await overviewData(db, view!, bounds.first_date!);
  const [trend, ecl, topOverdue, warnings] = await Promise.all([o.trend, o.ecl, o.topOverdue, o.warnings]);
  return { current: o.current, trend, ecl, topOverdue, warnings };
}

/** Runs `fn` on a fresh in-memory demo book, closed afterwards. */
async function withDemo<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(':memory:');
  try {
    await generateDemo(db, DEMO);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The book's month-ends before its last date, newest first. */
function monthEndsOf(bounds: BookBounds): string[] {
  return monthEnds(bounds.first_date!.slice(0, 7), bounds.last_date!.slice(0, 7))
    .filter((d) => d >= bounds.first_date! && d < bounds.last_date!)
    .reverse();
}

describe('computeMonthEndsAhead', () => {
  let db: Database;
  /** The same demo book, remembering nothing: every view computed on its own. */
  let fresh: Database;
  let bounds: BookBounds;
  let ends: string[];
  beforeAll(async () => {
    db = await Database.open(':memory:');
    fresh = await Database.open(':memory:', { rememberAnswers: false });
    await Promise.all([generateDemo(db, DEMO), generateDemo(fresh, DEMO)]);
    bounds = await bookBounds(db);
    ends = monthEndsOf(bounds);
  });
  afterAll(async () => {
    await db.close();
    await fresh.close();
  });

  test('remembers the overview at every month-end; each equals that view computed on its own', async () => {
    expect(ends.length).toBeGreaterThan(30);
    const lines: string[] = [];
    const done = await computeMonthEndsAhead(db, { stillCurrent: () => true, report: (l) => lines.push(l) });
    expect(done).toBe(ends.length);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Overview computed ahead at ${ends.length} month-ends in [0-9.]+ s\\.$`))]);

    for (const asOf of ends) expect(await queriesDuring(db, () => overviewAt(db, bounds, asOf)), asOf).toBe(0);
    // The newest, one in the middle and the oldest, against the same views computed afresh.
    let warned = 0;
    for (const asOf of [ends[0], ends[Math.floor(ends.length / 2)], ends[ends.length - 1]]) {
      const ahead = await overviewAt(db, bounds, asOf);
      expect(ahead.current.as_of).toBe(asOf);
      expect(ahead).toEqual(await overviewAt(fresh, bounds, asOf));
      warned += ahead.warnings.total;
    }
    // The comparison covers warnings, not only empty panels.
    expect(warned).toBeGreaterThan(0);
  });

  test('stops at the first group once the data is no longer current', async () => {
    await withDemo(async (other) => {
      let asked = 0;
      const lines: string[] = [];
      const done = await computeMonthEndsAhead(other, { stillCurrent: () => asked++ === 0, report: (l) => lines.push(l) });
      expect(done).toBe(4);
      expect(lines).toEqual([]);
      // The newest month-ends were done first; the oldest were not.
      expect(await queriesDuring(other, () => overviewAt(other, bounds, ends[3]))).toBe(0);
      expect(await queriesDuring(other, () => overviewAt(other, bounds, ends[ends.length - 1]))).toBeGreaterThan(0);
    });
  });
});

describe('waiting for writes', () => {
  test('bookWritesSettled waits for a write to the book, not for a login or audit write', async () => {
    const db = await Database.open(':memory:');
    try {
      let finishWrite: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (finishWrite = resolve));
      const log: string[] = [];
      const write = db.write(() => held);
      const settled = db.bookWritesSettled().then(() => log.push('settled'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(log).toEqual([]);
      finishWrite();
      await write;
      await settled;
      expect(log).toEqual(['settled']);

      // A write that leaves the book alone (a session, an audit entry) is not waited for.
      let finishOther: () => void = () => undefined;
      let started: () => void = () => undefined;
      const running = new Promise<void>((resolve) => (started = resolve));
      const other = db.write(() => new Promise<void>((resolve) => ((finishOther = resolve), started())), { book: false });
      await running;
      await db.bookWritesSettled();
      finishOther();
      await other;
    } finally {
      await db.close();
    }
  });

  test('the month-end work waits in its pause before each group, and runs no query meanwhile', async () => {
    await withDemo(async (db) => {
      let release: () => void = () => undefined;
      const paused = new Promise<void>((resolve) => (release = resolve));
      let pauses = 0;
      let work: Promise<number> | undefined;
      const queriesWhilePaused = await queriesDuring(db, async () => {
        work = computeMonthEndsAhead(db, { pause: () => (pauses++ === 0 ? paused : Promise.resolve()), stillCurrent: () => pauses <= 1 });
        await new Promise((resolve) => setTimeout(resolve, 100));
      });
      // Only the list of month-ends was read before the first pause.
      expect(queriesWhilePaused).toBeLessThanOrEqual(1);
      release();
      // One group once released; the second pause found the work no longer current.
      expect(await work).toBe(4);
    });
  });
});

describe('keepDefaultViewsWarm and the month-ends', () => {
  test('computed after the default views, and again after a write, which does not wait for them', async () => {
    await withDemo(async (db) => {
      const bounds = await bookBounds(db);
      const oldest = monthEndsOf(bounds).at(-1)!;
      let finished: () => void = () => undefined;
      let ended = new Promise<void>((resolve) => (finished = resolve));
      const lines: string[] = [];
      await keepDefaultViewsWarm(db, { report: (l) => (lines.push(l), finished()) });
      await ended;
      expect(lines).toHaveLength(1);
      const before = await overviewAt(db, bounds, oldest);

      // A write: an invoice dated on the oldest month-end, still open then.
      ended = new Promise<void>((resolve) => (finished = resolve));
      await db.write(async (conn) => {
        await conn.run(
          `INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed)
           SELECT 'AHEAD-1', customer_id, DATE '${oldest}', DATE '${oldest}' + 30, 500, currency, false
           FROM customers WHERE currency = base_currency() ORDER BY customer_id LIMIT 1`,
        );
        await refreshSettlements(conn, true);
      });
      // The write's listeners end with the default views; the month-ends are still to come.
      await db.afterWritesSettled();
      expect(lines).toHaveLength(1);
      await ended;
      expect(lines).toHaveLength(2);
      expect(await queriesDuring(db, () => overviewAt(db, bounds, oldest))).toBe(0);
      const after = await overviewAt(db, bounds, oldest);
      expect(after.current.ar).toBeCloseTo(before.current.ar + 500, 2);
    });
  });
});
