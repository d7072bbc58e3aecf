import { test, expect } from 'vitest';
import { openBook, workedExample } from '../helpers/book.ts';
import { queryText } from '../../src/lib/server/sql.ts';
test('book', async () => {
  const db = await openBook(workedExample);
  const rows = await db.read((c) => queryText(c, 'select * from settlements'));
  console.log(rows);
  expect(rows).toEqual([{ invoice_id: 'A', settle_date: '2024-03-20' }]);
});
