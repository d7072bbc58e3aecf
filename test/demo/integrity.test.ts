// A demo book is a valid book: the sizes asked for, nothing dated outside the three years to
// the end date, no payment before its invoice, and every invoice settled exactly (a few
// deliberate overpayments apart).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import type { DemoSummary } from '../../src/lib/server/demo/index.ts';
import { END, SMALL, openDemo, rows, value } from './helpers.ts';

// Per invoice: its amount, and what payments and adjustments took off it by the end.
const REDUCED = `
  WITH events AS (
    SELECT invoice_id, amount FROM payments WHERE invoice_id IS NOT NULL
    UNION ALL SELECT invoice_id, amount FROM adjustments
  )
  SELECT i.invoice_id, i.amount, coalesce(sum(e.amount), 0) AS reduced
  FROM invoices i LEFT JOIN events e ON e.invoice_id = i.invoice_id
  GROUP BY i.invoice_id, i.amount`;

describe('demo integrity', () => {
  let db: Database;
  let summary: DemoSummary;
  beforeAll(async () => {
    ({ db, summary } = await openDemo(SMALL));
  });
  afterAll(() => db.close());

  test('the summary counts what is in the tables', async () => {
    expect(summary).toMatchObject({ seed: SMALL.seed, customers: SMALL.customers, invoices: SMALL.invoices, start: '2023-11-01', end: END });
    expect(summary.payments).toBe(await value(db, 'SELECT count(*)::INTEGER FROM payments'));
    expect(summary.adjustments).toBe(await value(db, 'SELECT count(*)::INTEGER FROM adjustments'));
    expect(summary.payments).toBeGreaterThan(0.8 * SMALL.invoices);
    expect(summary.payments).toBeLessThan(1.3 * SMALL.invoices);
    expect(summary.seconds).toBeGreaterThan(0);
  });

  test('FX rates for EUR and CNY on every day from start to end', async () => {
    const [fx] = await rows<{ n: number; days: number; first: string; last: string }>(
      db,
      `SELECT count(*)::INTEGER AS n, count(DISTINCT date)::INTEGER AS days, min(date)::VARCHAR AS first, max(date)::VARCHAR AS last FROM fx_rates`,
    );
    expect(fx).toEqual({ n: 2 * 1096, days: 1096, first: '2023-11-01', last: END });
    expect(await value(db, `SELECT string_agg(DISTINCT currency, ',' ORDER BY currency) FROM fx_rates`)).toBe('CNY,EUR');
    expect(await value(db, `SELECT value FROM settings WHERE key = 'base_currency'`)).toBe('USD');
  });

  test('nothing is dated before the start or after the end', async () => {
    const [d] = await rows(
      db,
      `SELECT (SELECT min(invoice_date) FROM invoices)::VARCHAR AS first_invoice,
              (SELECT max(invoice_date) FROM invoices)::VARCHAR AS last_invoice,
              (SELECT max(payment_date) FROM payments)::VARCHAR AS last_payment,
              (SELECT max(date) FROM adjustments)::VARCHAR AS last_adjustment,
              (SELECT min(payment_date) FROM payments)::VARCHAR AS first_payment`,
    );
    expect(d.first_invoice).toBe('2023-11-01');
    expect(d.last_invoice).toBe(END);
    expect(String(d.last_payment) <= END && String(d.last_adjustment) <= END).toBe(true);
    expect(String(d.first_payment) >= '2023-11-01').toBe(true);
  });

  test('no payment or adjustment precedes its invoice', async () => {
    expect(await value(db, `SELECT count(*)::INTEGER FROM payments p JOIN invoices i USING (invoice_id) WHERE p.payment_date < i.invoice_date`)).toBe(0);
    expect(await value(db, `SELECT count(*)::INTEGER FROM adjustments a JOIN invoices i USING (invoice_id) WHERE a.date < i.invoice_date`)).toBe(0);
    expect(await value(db, `SELECT count(*)::INTEGER FROM payments p JOIN invoices i USING (invoice_id) WHERE p.customer_id <> i.customer_id`)).toBe(0);
  });

  test('payments and adjustments never exceed an invoice, except a few deliberate overpayments', async () => {
    const over = await value(db, `SELECT count(*)::INTEGER FROM (${REDUCED}) WHERE reduced > amount`);
    expect(over).toBeGreaterThan(0);
    expect(over).toBeLessThan(0.005 * SMALL.invoices);
    // An overpayment is one payment of more than the amount, on an invoice nothing else touched.
    const odd = await value(
      db,
      `SELECT count(*)::INTEGER FROM (${REDUCED}) r
       WHERE r.reduced > r.amount
         AND ((SELECT count(*) FROM payments p WHERE p.invoice_id = r.invoice_id) <> 1
              OR EXISTS (SELECT 1 FROM adjustments a WHERE a.invoice_id = r.invoice_id))`,
    );
    expect(odd).toBe(0);
  });

  test('discounted and written-off invoices are settled to the cent', async () => {
    const off = await value(
      db,
      `SELECT count(*)::INTEGER FROM (${REDUCED}) r
       WHERE r.invoice_id IN (SELECT invoice_id FROM adjustments WHERE kind IN ('discount', 'write_off'))
         AND r.reduced <> r.amount`,
    );
    expect(off).toBe(0);
  });

  test('ids are text in their documented shapes, money has two decimals', async () => {
    const bad = await rows(
      db,
      `SELECT 'customer' AS what, customer_id AS id FROM customers WHERE NOT regexp_full_match(customer_id, 'C\\d{6}')
       UNION ALL SELECT 'invoice', invoice_id FROM invoices WHERE NOT regexp_full_match(invoice_id, 'INV\\d{8}')
       UNION ALL SELECT 'payment', payment_id FROM payments WHERE NOT regexp_full_match(payment_id, 'PAY(\\d{8}-[123]|U\\d{7})')
       UNION ALL SELECT 'adjustment', adjustment_id FROM adjustments WHERE NOT regexp_full_match(adjustment_id, 'ADJ\\d{8}-[CDW]')`,
    );
    expect(bad).toEqual([]);
    const types = await rows<{ column_name: string; data_type: string }>(
      db,
      `SELECT table_name || '.' || column_name AS column_name, data_type FROM information_schema.columns
       WHERE column_name IN ('amount', 'credit_limit') AND table_name IN ('invoices', 'payments', 'adjustments', 'customers')`,
    );
    for (const t of types) expect(t.data_type, t.column_name).toBe('DECIMAL(18,2)');
  });

  test('one profile per customer; deteriorate_from only for slipping customers', async () => {
    expect(await value(db, `SELECT count(*)::INTEGER FROM customers c ANTI JOIN demo_profiles p USING (customer_id)`)).toBe(0);
    expect(await value(db, `SELECT count(*)::INTEGER FROM demo_profiles`)).toBe(SMALL.customers);
    const wrong = await value(
      db,
      `SELECT count(*)::INTEGER FROM demo_profiles
       WHERE (deteriorate_from IS NOT NULL) <> (profile IN ('deteriorating', 'defaulting'))
          OR (profile = 'deteriorating' AND deteriorate_from NOT BETWEEN DATE '${END}' - 180 AND DATE '${END}' - 90)`,
    );
    expect(wrong).toBe(0);
  });

  test('an import_log row records the demo', async () => {
    const [log] = await rows(db, `SELECT * FROM import_log`);
    expect(log).toMatchObject({ import_id: summary.import_id, kind: 'demo', status: 'imported', rejected: 0 });
    expect(String(log.file_name)).toMatch(/^demo:seed=42 /);
    expect(String(log.sha256)).toMatch(/^[0-9a-f]{64}$/);
    expect(log.rows).toBe(summary.customers + summary.invoices + summary.payments + summary.adjustments + summary.fx_rates);
    expect(await value(db, `SELECT count(*)::INTEGER FROM invoices WHERE import_id IS DISTINCT FROM ${summary.import_id}`)).toBe(0);
    expect(await value(db, `SELECT count(*)::INTEGER FROM settlement_queue`)).toBe(0);
  });
});
