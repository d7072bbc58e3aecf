// Remembered answers: shared while the data stands, forgotten by the write that changes it,
// read-only for every caller, never a remembered failure, and bounded in number.
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
