// Every chart of the app has a story to tell on the demo book: most customers pay on time,
// some are chronically late, a few deteriorate before the end (so early warnings fire) or
// default (and are written off), with discounts, disputes, credit notes, partial payments,
// unapplied cash, three currencies, Chinese names and a seasonal rhythm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db.ts';
import { END, SMALL, openDemo, rows, value } from './helpers.ts';

const count = (db: Database, sql: string) => value<number>(db, `SELECT count(*)::INTEGER FROM (${sql})`);

describe('demo stories', () => {
  let db: Database;
  beforeAll(async () => {
    ({ db } = await openDemo(SMALL));
  });
  afterAll(() => db.close());

  test('on-time payers are the majority, of customers and of payments', async () => {
    const shares = await rows<{ profile: string; share: number }>(
      db,
      `SELECT profile, count(*) / sum(count(*)) OVER () AS share FROM demo_profiles GROUP BY profile`,
    );
    const share = Object.fromEntries(shares.map((s) => [s.profile, s.share]));
    expect(share.on_time).toBeGreaterThan(0.5);
    for (const p of ['late_payer', 'chronic_late', 'early_payer', 'deteriorating', 'defaulting']) expect(share[p], p).toBeGreaterThan(0);
    expect(share.deteriorating).toBeCloseTo(0.03, 2);
    const onTime = await value(
      db,
      `SELECT avg((p.payment_date <= i.due_date)::INTEGER) FROM payments p JOIN invoices i USING (invoice_id)`,
    );
    expect(onTime).toBeGreaterThan(0.5);
  });

  test('chronic late payers pay 20 to 60 days beyond terms', async () => {
    const dbt = await value(
      db,
      `SELECT median(p.payment_date - i.due_date) FROM payments p JOIN invoices i USING (invoice_id)
       JOIN demo_profiles d ON d.customer_id = i.customer_id WHERE d.profile = 'chronic_late'`,
    );
    expect(dbt).toBeGreaterThanOrEqual(20);
    expect(dbt).toBeLessThanOrEqual(60);
  });

  test('deteriorating customers pay later in the last three months than before, then stop', async () => {
    const windows = await rows<{ recent: boolean; dbt: number; n: number }>(
      db,
      `SELECT p.payment_date > DATE '${END}' - 90 AS recent,
              avg(greatest(0, p.payment_date - i.due_date)) AS dbt, count(*)::INTEGER AS n
       FROM payments p JOIN invoices i USING (invoice_id) JOIN demo_profiles d ON d.customer_id = i.customer_id
       WHERE d.profile = 'deteriorating' GROUP BY ALL`,
    );
    const recent = windows.find((w) => w.recent)!;
    const before = windows.find((w) => !w.recent)!;
    expect(recent.n).toBeGreaterThan(0);
    expect(recent.dbt).toBeGreaterThan(before.dbt + 10);
    // Stopped: every deteriorating customer billed since it began to slip is owed past-due money at the end.
    const slipping = `SELECT DISTINCT d.customer_id FROM demo_profiles d JOIN invoices i USING (customer_id)
                      WHERE d.profile = 'deteriorating' AND i.invoice_date > d.deteriorate_from`;
    const stopped = await count(
      db,
      `SELECT DISTINCT i.customer_id FROM invoices i
       WHERE i.customer_id IN (${slipping}) AND i.due_date < DATE '${END}'
         AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.invoice_id)
         AND NOT EXISTS (SELECT 1 FROM adjustments a WHERE a.invoice_id = i.invoice_id)`,
    );
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBe(await count(db, slipping));
  });

  test('defaulting customers are written off months after due; others only rarely', async () => {
    const byProfile = await rows<{ profile: string; n: number; months_after_due: number }>(
      db,
      `SELECT d.profile, count(*)::INTEGER AS n, min(datediff('month', i.due_date, a.date)) AS months_after_due
       FROM adjustments a JOIN invoices i USING (invoice_id) JOIN demo_profiles d ON d.customer_id = i.customer_id
       WHERE a.kind = 'write_off' GROUP BY d.profile`,
    );
    const defaulted = byProfile.find((r) => r.profile === 'defaulting');
    expect(defaulted?.n).toBeGreaterThan(0);
    for (const r of byProfile) expect(r.months_after_due, r.profile).toBeGreaterThanOrEqual(4);
  });

  test('discounts, credit notes, disputes, partial payments and unapplied cash all occur', async () => {
    for (const kind of ['discount', 'credit_note', 'write_off']) {
      expect(await count(db, `SELECT 1 FROM adjustments WHERE kind = '${kind}'`), kind).toBeGreaterThan(0);
    }
    expect(await count(db, `SELECT 1 FROM invoices WHERE disputed`)).toBeGreaterThan(0.005 * SMALL.invoices);
    expect(await count(db, `SELECT invoice_id FROM payments WHERE invoice_id IS NOT NULL GROUP BY 1 HAVING count(*) = 3`)).toBeGreaterThan(0);
    expect(await count(db, `SELECT invoice_id FROM payments WHERE invoice_id IS NOT NULL GROUP BY 1 HAVING count(*) = 2`)).toBeGreaterThan(0);
    expect(await count(db, `SELECT 1 FROM payments WHERE invoice_id IS NULL`)).toBeGreaterThan(0);
    expect(await count(db, `SELECT DISTINCT method FROM payments`)).toBe(4);
    // Disputes end late, in a credit note, or unpaid.
    const disputedLate = await value(
      db,
      `SELECT avg(p.payment_date - i.due_date) FROM payments p JOIN invoices i USING (invoice_id) WHERE i.disputed`,
    );
    expect(disputedLate).toBeGreaterThan(20);
  });

  test('customers: segments, regions, three currencies, terms, limits, Chinese names in China', async () => {
    expect(await count(db, `SELECT DISTINCT segment FROM customers`)).toBe(4);
    expect(await count(db, `SELECT DISTINCT region FROM customers`)).toBe(4);
    expect(await value(db, `SELECT string_agg(DISTINCT currency, ',' ORDER BY currency) FROM invoices`)).toBe('CNY,EUR,USD');
    expect(await value(db, `SELECT mode(payment_terms_days) FROM customers`)).toBe(30);
    expect(await count(db, `SELECT DISTINCT payment_terms_days FROM customers`)).toBe(5);
    expect(await count(db, `SELECT 1 FROM customers WHERE credit_limit IS NULL`)).toBeGreaterThan(0);
    expect(await count(db, `SELECT 1 FROM customers WHERE credit_limit > 0`)).toBeGreaterThan(SMALL.customers / 2);
    expect(await count(db, `SELECT 1 FROM customers WHERE regexp_matches(name, '[\\x{4e00}-\\x{9fff}]')`)).toBeGreaterThan(0);
    expect(await count(db, `SELECT 1 FROM customers WHERE country = 'CN' AND NOT regexp_matches(name, '[\\x{4e00}-\\x{9fff}]')`)).toBe(0);
    expect(await count(db, `SELECT name FROM customers GROUP BY name HAVING count(*) > 1`)).toBe(0);
  });

  test('seasonality: month ends and the fourth quarter are busier', async () => {
    const [s] = await rows<{ month_end: number; other: number; q4: number; rest: number }>(
      db,
      `SELECT count(*) FILTER (WHERE invoice_date > last_day(invoice_date) - 3) / count(DISTINCT invoice_date) FILTER (WHERE invoice_date > last_day(invoice_date) - 3) AS month_end,
              count(*) FILTER (WHERE invoice_date <= last_day(invoice_date) - 3) / count(DISTINCT invoice_date) FILTER (WHERE invoice_date <= last_day(invoice_date) - 3) AS other,
              count(*) FILTER (WHERE month(invoice_date) >= 10) / 3.0 AS q4,
              count(*) FILTER (WHERE month(invoice_date) BETWEEN 4 AND 9) / 6.0 AS rest
       FROM invoices`,
    );
    expect(s.month_end).toBeGreaterThan(1.5 * s.other);
    expect(s.q4).toBeGreaterThan(1.1 * s.rest);
  });

  test('invoices near the end are still open; FX rates stay near their anchors', async () => {
    expect(
      await count(db, `SELECT 1 FROM invoices i WHERE i.invoice_date > DATE '${END}' - 10 AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.invoice_id)`),
    ).toBeGreaterThan(0);
    const [fx] = await rows<{ eur_min: number; eur_max: number; cny_min: number; cny_max: number }>(
      db,
      `SELECT min(rate_to_base) FILTER (WHERE currency = 'EUR')::DOUBLE AS eur_min, max(rate_to_base) FILTER (WHERE currency = 'EUR')::DOUBLE AS eur_max,
              min(rate_to_base) FILTER (WHERE currency = 'CNY')::DOUBLE AS cny_min, max(rate_to_base) FILTER (WHERE currency = 'CNY')::DOUBLE AS cny_max
       FROM fx_rates`,
    );
    expect(fx.eur_min).toBeGreaterThan(0.9);
    expect(fx.eur_max).toBeLessThan(1.3);
    expect(fx.cny_min).toBeGreaterThan(0.12);
    expect(fx.cny_max).toBeLessThan(0.16);
  });
});
