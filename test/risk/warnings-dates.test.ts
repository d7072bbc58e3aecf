// Early warnings at many dates from one pass over the book equal the warnings worked out at
// each date on its own, rule by rule and customer by customer.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookBounds } from '../../src/lib/server/book.ts';
import { Database } from '../../src/lib/server/db.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { earlyWarningsAt, warningsOn } from '../../src/lib/server/risk/warnings.ts';
import { monthEnds } from '../../src/lib/server/trends.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await generateDemo(db, { customers: 60, invoices: 3_000, seed: 11 });
});
afterAll(() => db.close());

test('warnings at twelve month-ends and two other days, in one pass, equal each date worked out alone', async () => {
  const last = (await bookBounds(db)).last_date!;
  const ends = monthEnds('2025-11', '2026-10').filter((d) => d < last);
  // Two days that are not month-ends, one of them the score-drop span after another date.
  const dates = [...ends, '2026-03-15', '2026-06-13'];
  const together = await earlyWarningsAt(db, dates, {});
  const alone = await db.read(async (conn) => Promise.all(dates.map((d) => warningsOn(conn, d))));
  expect(together).toEqual(alone);
  // Customer rules of several kinds fire over these dates, so the comparison has something to compare.
  const rules = new Set(alone.flat().filter((w) => w.customer_id !== null).map((w) => w.rule));
  expect(rules.size).toBeGreaterThanOrEqual(3);
});
