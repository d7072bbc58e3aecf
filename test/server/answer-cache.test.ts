// Remembered answers: shared while the data stands, forgotten by the write that changes it
// (published ones served until their refresh is ready), read-only for every caller, never a
// remembered failure, and bounded in number.
import { afterEach, describe, expect, test } from 'vitest';
import { AnswerCache } from '../../src/lib/server/answer-cache.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { openBook } from '../helpers/book.ts';

describe('AnswerCache', () => {
  test('computes an answer once for equal parameters, whatever their key order', async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const a = await cache.get('x', { asOf: '2024-03-31', segment: 'A' }, compute);
    const b = await cache.get('x', { segment: 'A', asOf: '2024-03-31' }, compute);
    const c = await cache.get('x', { segment: 'B', asOf: '2024-03-31' }, compute);
    expect(a).toBe(b);
    expect(computed).toBe(2);
    expect(c.n).toBe(2);
  });

  test('concurrent askers share one computation', async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20));
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('slow', {}, slow)));
    expect(answers).toEqual([1, 1, 1]);
  });

  test('answers are frozen all the way down', async () => {
    const cache = new AnswerCache();
    const answer = await cache.get('rows', {}, async () => [{ customer_id: 'C1', buckets: [1, 2] }]);
    expect(() => (answer as { customer_id: string }[]).push({ customer_id: 'C2' })).toThrow(TypeError);
    expect(() => ((answer[0] as { customer_id: string }).customer_id = 'C9')).toThrow(TypeError);
    expect(() => (answer[0].buckets as number[]).sort((x, y) => y - x)).toThrow(TypeError);
  });

  test('a failure is not remembered: the next ask computes again', async () => {
    const cache = new AnswerCache();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('disk hiccup');
      return 'fine';
    };
    await expect(cache.get('f', {}, flaky)).rejects.toThrow('disk hiccup');
    await expect(cache.get('f', {}, flaky)).resolves.toBe('fine');
    expect(calls).toBe(2);
  });

  test('keeps at most its capacity, dropping the least recently used', async () => {
    const cache = new AnswerCache(2);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get('a', {}, compute); // 1
    await cache.get('b', {}, compute); // 2
    await cache.get('a', {}, compute); // kept; a is now the most recent
    await cache.get('c', {}, compute); // 3, drops b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', {}, compute)).toBe(1);
    expect(await cache.get('b', {}, compute)).toBe(4);
  });
});

describe('published answers (the default views the server refreshes itself)', () => {
  /** A computation that resolves when `release` is called, counting how often it started. */
  function gated<T>(value: () => T) {
    let started = 0;
    let release: () => void = () => undefined;
    const compute = () => {
      started++;
      return new Promise<T>((resolve) => (release = () => resolve(value())));
    };
    return { compute, started: () => started, release: () => release() };
  }

  test('after a write, an ordinary answer is forgotten; a published one is served until the refresh run publishes the new one', async () => {
    const cache = new AnswerCache();
    let data = 'before';
    await cache.get('ordinary', {}, async () => data);
    await cache.get('published', {}, async () => data, true);
    cache.publish(true);

    data = 'after';
    cache.advance();
    // Visitors are not made to wait: they get the answer from before the write at once…
    const slow = gated(() => data);
    expect(await cache.get('published', {}, slow.compute)).toBe('before');
    expect(slow.started()).toBe(0);
    // …while the refresh computes it again on the new data, and still after it is computed…
    const refreshed = cache.get('published', {}, slow.compute, true);
    expect(slow.started()).toBe(1);
    slow.release();
    expect(await refreshed).toBe('after');
    expect(await cache.get('published', {}, slow.compute)).toBe('before');
    // …until the run ends: then everyone gets the new one.
    cache.publish(true);
    expect(await cache.get('published', {}, slow.compute)).toBe('after');
    expect(slow.started()).toBe(1);
    // An ordinary answer was forgotten by the write, and is computed on the new data.
    expect(await cache.get('ordinary', {}, async () => data)).toBe('after');
  });

  test('answers computed while old ones are served (maybe from them) are kept only until the new ones are published', async () => {
    const cache = new AnswerCache();
    await cache.get('published', {}, async () => 10, true);
    cache.publish(true);
    cache.advance();
    let computed = 0;
    const derived = async () => (await cache.get('published', {}, async () => -1)) * 2 + ++computed * 0;
    expect(await cache.get('derived', {}, derived)).toBe(20);
    expect(await cache.get('derived', {}, derived)).toBe(20);
    expect(computed).toBe(1);
    // Once the refresh run has published, derived answers are kept again, from the new figures.
    await cache.get('published', {}, async () => 11, true);
    cache.publish(true);
    expect(await cache.get('derived', {}, derived)).toBe(22);
    expect(await cache.get('derived', {}, derived)).toBe(22);
    expect(computed).toBe(2);
  });

  test('concurrent refreshes of one answer share a computation; a failed refresh leaves the older answer served', async () => {
    const cache = new AnswerCache();
    await cache.get('p', {}, async () => 1, true);
    cache.publish(true);
    cache.advance();
    let calls = 0;
    const failing = async (): Promise<number> => {
      calls++;
      throw new Error('disk hiccup');
    };
    const [a, b] = [cache.get('p', {}, failing, true), cache.get('p', {}, failing, true)];
    await expect(a).rejects.toThrow('disk hiccup');
    await expect(b).rejects.toThrow('disk hiccup');
    expect(calls).toBe(1);
    cache.publish(false);
    expect(await cache.get('p', {}, failing)).toBe(1);
    // The next run tries again.
    expect(await cache.get('p', {}, async () => 2, true)).toBe(2);
    cache.publish(true);
    expect(await cache.get('p', {}, failing)).toBe(2);
  });

  test('a run that a second write overtook publishes what it has and keeps serving until a complete run', async () => {
    const cache = new AnswerCache();
    await cache.get('p', {}, async () => 'v0', true);
    await cache.get('q', {}, async () => 'q0', true);
    cache.publish(true);
    cache.advance();
    await cache.get('p', {}, async () => 'v1', true);
    cache.advance(); // a second write lands while the run goes on
    cache.publish(false);
    expect(await cache.get('p', {}, async () => 'unused')).toBe('v1');
    expect(await cache.get('q', {}, async () => 'unused')).toBe('q0');
    await cache.get('p', {}, async () => 'v2', true);
    await cache.get('q', {}, async () => 'q2', true);
    cache.publish(true);
    expect(await cache.get('p', {}, async () => 'unused')).toBe('v2');
    expect(await cache.get('q', {}, async () => 'unused')).toBe('q2');
  });

  test('the figures version moves at each write and when a run changes what is served, not when a run finds nothing new', async () => {
    const cache = new AnswerCache();
    const v0 = cache.figuresVersion;
    let data = 'before';
    await cache.get('p', {}, async () => data, true);
    cache.publish(true);
    // The first run published what visitors were already given: nothing changed for them.
    expect(cache.figuresVersion).toBe(v0);

    data = 'after';
    cache.advance();
    expect(cache.figuresVersion).toBe(v0 + 1);
    expect(await cache.get('p', {}, async () => data)).toBe('before');
    expect(await cache.get('derived', {}, async () => `${data}!`)).toBe('after!');
    await cache.get('p', {}, async () => data, true);
    cache.publish(true);
    // The run replaced 'p' and forgot the answer derived meanwhile: what a page shows may differ now.
    expect(cache.figuresVersion).toBe(v0 + 2);
    expect(await cache.get('p', {}, async () => 'unused')).toBe('after');

    // A run that finds everything current, and one whose refresh failed, change nothing served.
    await cache.get('p', {}, async () => 'unused', true);
    cache.publish(true);
    expect(cache.figuresVersion).toBe(v0 + 2);
    cache.advance();
    await expect(cache.get('p', {}, async () => Promise.reject(new Error('disk hiccup')), true)).rejects.toThrow('disk hiccup');
    cache.publish(false);
    expect(cache.figuresVersion).toBe(v0 + 3);
    expect(await cache.get('p', {}, async () => 'unused')).toBe('after');
  });

  test('a complete run forgets published answers it did not ask for again (a view that is no longer the default)', async () => {
    const cache = new AnswerCache();
    await cache.get('old default', {}, async () => 'x', true);
    await cache.get('kept', {}, async () => 'y', true);
    cache.publish(true);
    cache.advance();
    await cache.get('kept', {}, async () => 'y2', true);
    cache.publish(true);
    expect(await cache.get('old default', {}, async () => 'recomputed')).toBe('recomputed');
    expect(await cache.get('kept', {}, async () => 'unused')).toBe('y2');
  });
});

test('with no capacity (benchmarks), every ask computes', async () => {
  const cache = new AnswerCache(0);
  let computed = 0;
  await cache.get('a', {}, async () => ++computed);
  expect(await cache.get('a', {}, async () => ++computed)).toBe(2);
  expect(cache.size).toBe(0);
});

describe('Database.remember', () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  test('a write forgets remembered KPIs: the next answer shows the new invoice', async () => {
    db = await openBook({
      customers: [{ customer_id: 'C1', payment_terms_days: 30 }],
      invoices: [{ invoice_id: 'I1', invoice_date: '2024-03-01', amount: 1000 }],
    });
    const before = await portfolioKpis(db, { asOf: '2024-03-31' });
    expect(before.ar).toBe(1000);
    expect(await portfolioKpis(db, { asOf: '2024-03-31' })).toBe(before);

    await db.write(async (conn) => {
      await queryText(
        conn,
        `INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed)
         VALUES ('I2', 'C1', DATE '2024-03-15', DATE '2024-04-14', 250, 'USD', false)`,
      );
      await refreshSettlements(conn, true);
    });
    // 1,000 + 250 open at 31 March.
    expect((await portfolioKpis(db, { asOf: '2024-03-31' })).ar).toBe(1250);
  });

  test('a write that leaves the book alone (a login, an audit entry) keeps what is remembered', async () => {
    db = await openBook({
      customers: [{ customer_id: 'C1' }],
      invoices: [{ invoice_id: 'I1', invoice_date: '2024-03-01', amount: 1000 }],
    });
    const before = await portfolioKpis(db, { asOf: '2024-03-31' });
    await db.write((conn) => conn.run(`INSERT INTO settings VALUES ('note', 'x')`).then(() => undefined), { book: false });
    expect(await portfolioKpis(db, { asOf: '2024-03-31' })).toBe(before);
  });

  test('a rolled-back write forgets nothing it did not change, and the answer stays right', async () => {
    db = await openBook({
      customers: [{ customer_id: 'C1' }],
      invoices: [{ invoice_id: 'I1', invoice_date: '2024-03-01', amount: 1000 }],
    });
    await portfolioKpis(db, { asOf: '2024-03-31' });
    await expect(
      db.write(async (conn) => {
        await queryText(conn, `DELETE FROM invoices`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect((await portfolioKpis(db, { asOf: '2024-03-31' })).ar).toBe(1000);
  });
});
