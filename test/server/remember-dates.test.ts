// Answers remembered date by date: the next as-of date's series computes only the dates it does
// not share with one asked before, in one pass, and gives every date the same answer as alone.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { kpiTrend } from '../../src/lib/server/trends.ts';
import { portfolioKpis } from '../../src/lib/server/kpis.ts';
import { rememberEachDate } from '../../src/lib/server/remember-dates.ts';
import { openBook } from '../helpers/book.ts';

let db: Database;
beforeAll(async () => {
  db = await openBook({
    customers: [{ customer_id: 'C1', payment_terms_days: 30 }],
    invoices: [
      { invoice_id: 'I1', invoice_date: '2024-01-10', amount: 1000 },
      { invoice_id: 'I2', invoice_date: '2024-02-10', amount: 500 },
      { invoice_id: 'I3', invoice_date: '2024-04-10', amount: 250 },
    ],
    payments: [{ invoice_id: 'I1', payment_date: '2024-03-05', amount: 1000 }],
  });
});
afterAll(() => db.close());

test('a series computes only the dates not remembered, all of them in one call', async () => {
  const calls: string[][] = [];
  const compute = async (dates: string[]) => {
    calls.push(dates);
    return new Map(dates.map((d) => [d, `answer at ${d}`]));
  };
  const key = (date: string) => ({ date, view: 'whole book' });
  expect(await rememberEachDate(db, 'probe', ['2024-01-31', '2024-02-29', '2024-03-31'], key, compute)).toEqual([
    'answer at 2024-01-31',
    'answer at 2024-02-29',
    'answer at 2024-03-31',
  ]);
  expect(await rememberEachDate(db, 'probe', ['2024-02-29', '2024-03-31', '2024-04-30', '2024-03-31'], key, compute)).toEqual([
    'answer at 2024-02-29',
    'answer at 2024-03-31',
    'answer at 2024-04-30',
    'answer at 2024-03-31',
  ]);
  expect(calls).toEqual([['2024-01-31', '2024-02-29', '2024-03-31'], ['2024-04-30']]);
});

test('a failed pass is not remembered for any of its dates', async () => {
  let fail = true;
  const compute = async (dates: string[]) => {
    if (fail) throw new Error('disk hiccup');
    return new Map(dates.map((d) => [d, d.length]));
  };
  await expect(rememberEachDate(db, 'flaky', ['2024-01-31', '2024-02-29'], (d) => d, compute)).rejects.toThrow('disk hiccup');
  fail = false;
  expect(await rememberEachDate(db, 'flaky', ['2024-01-31', '2024-02-29'], (d) => d, compute)).toEqual([10, 10]);
});

test('overlapping trends and single dates give the same KPIs (AR at each month-end by hand)', async () => {
  // Open at each month-end: Jan 1,000; Feb 1,000 + 500; Mar 500 (I1 paid 5 March); Apr 500 + 250.
  const first = await kpiTrend(db, { from: '2024-01', to: '2024-03' });
  const second = await kpiTrend(db, { from: '2024-02', to: '2024-04' });
  expect(first.map((k) => k.ar)).toEqual([1000, 1500, 500]);
  expect(second.map((k) => k.ar)).toEqual([1500, 500, 750]);
  expect(second[0]).toBe(first[1]);
  expect(await portfolioKpis(db, { asOf: '2024-04-30' })).toBe(second[2]);
});
