// The status of every invoice (first event, settled, overpaid) comes out the same whether it is
// computed for all invoices at once (a demo, a bulk load) or invoice by invoice from the queue.
import { afterEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { refreshSettlements } from '../../src/lib/server/settlements.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { openBook } from '../helpers/book.ts';

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

type Status = { invoice_id: string; first_event_date: string | null; settle_date: string | null; overpaid_date: string | null };
const statuses = (d: Database) =>
  d.read((conn) =>
    queryText<Status>(
      conn,
      `SELECT invoice_id, first_event_date::VARCHAR AS first_event_date, settle_date::VARCHAR AS settle_date,
              overpaid_date::VARCHAR AS overpaid_date FROM invoice_status ORDER BY invoice_id`,
    ),
  );

describe('invoice status', () => {
  test('all at once and queued give the same rows, worked out by hand', async () => {
    db = await openBook({
      invoices: [
        // Two payments on one day reach 100 together: settled that day, not before.
        { invoice_id: 'A', invoice_date: '2024-01-01', amount: 100 },
        // 60 on Jan 10, then 50 on Jan 20: settled and overpaid on Jan 20.
        { invoice_id: 'B', invoice_date: '2024-01-02', amount: 100 },
        // A payment of 70 and a credit note of 30 on Jan 25: settled Jan 25, never overpaid.
        { invoice_id: 'C', invoice_date: '2024-01-03', amount: 100 },
        // Nothing yet.
        { invoice_id: 'D', invoice_date: '2024-01-04', amount: 100 },
        // Partly paid: first event only.
        { invoice_id: 'E', invoice_date: '2024-01-05', amount: 100 },
      ],
      payments: [
        { invoice_id: 'A', payment_date: '2024-01-15', amount: 40 },
        { invoice_id: 'A', payment_date: '2024-01-15', amount: 60 },
        { invoice_id: 'B', payment_date: '2024-01-10', amount: 60 },
        { invoice_id: 'B', payment_date: '2024-01-20', amount: 50 },
        { invoice_id: 'C', payment_date: '2024-01-25', amount: 70 },
        { invoice_id: 'E', payment_date: '2024-02-01', amount: 30 },
      ],
      adjustments: [{ invoice_id: 'C', date: '2024-01-25', amount: 30, kind: 'credit_note' }],
    });
    const expected: Status[] = [
      { invoice_id: 'A', first_event_date: '2024-01-15', settle_date: '2024-01-15', overpaid_date: null },
      { invoice_id: 'B', first_event_date: '2024-01-10', settle_date: '2024-01-20', overpaid_date: '2024-01-20' },
      { invoice_id: 'C', first_event_date: '2024-01-25', settle_date: '2024-01-25', overpaid_date: null },
      { invoice_id: 'D', first_event_date: null, settle_date: null, overpaid_date: null },
      { invoice_id: 'E', first_event_date: '2024-02-01', settle_date: null, overpaid_date: null },
    ];
    // openBook computed every status at once.
    expect(await statuses(db)).toEqual(expected);
    // Queue every invoice and compute them one by one: the same rows.
    await db.write(async (conn) => {
      await queryText(conn, 'INSERT INTO settlement_queue SELECT invoice_id FROM invoices');
      await refreshSettlements(conn);
    });
    expect(await statuses(db)).toEqual(expected);
    // And all at once again, now with rows to replace.
    await db.write((conn) => refreshSettlements(conn, true));
    expect(await statuses(db)).toEqual(expected);
  });
});
