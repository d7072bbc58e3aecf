/**
 * The Explore page's selection figures worked out by its definitions, written here without the
 * app's macros, for the browser tests to hold the page against: invoices dated by D, base amount
 * at the invoice date's rate rounded to the cent, settled by D; per segment and overall.
 */
import type { Page } from 'playwright-core';
import type { Database } from '../../src/lib/server/db.ts';
import { queryText, type Params } from '../../src/lib/server/sql.ts';

/** A selection's figures: invoices, amount, amount-weighted days beyond terms, on-time share. */
export interface Figures {
  segment: string | null;
  count: number;
  amount: number;
  dbt: number;
  on_time: number;
}

/**
 * The figures of the invoices that `brush` keeps (a WHERE over segment, invoice_date, due_date,
 * settle and amount, with its own bound values) and, when `segment` is not '', of that segment's
 * customers only. The grand total is the row of the empty grouping set; a customer without a
 * segment shows as "(none)".
 */
export async function expectedFigures(
  copy: Database,
  asOf: string,
  brush: string,
  values: Params,
  segment: string,
): Promise<{ all: Figures; bySegment: Map<string, Figures> }> {
  const sql = `
WITH base AS (SELECT coalesce((SELECT max(value) FROM settings WHERE key = 'base_currency'), 'USD') AS ccy),
inv AS (
  SELECT c.segment, s.invoice_date, s.due_date,
         CASE WHEN s.settle_date <= $as_of::DATE THEN s.settle_date END AS settle,
         round(s.amount * CASE WHEN s.currency = (SELECT ccy FROM base) THEN 1
           ELSE (SELECT arg_max(f.rate_to_base, f.date) FROM fx_rates f WHERE f.currency = s.currency AND f.date <= s.invoice_date) END, 2) AS amount
  FROM invoice_status s JOIN customers c USING (customer_id)
  WHERE s.invoice_date <= $as_of::DATE
),
picked AS (
  SELECT * FROM inv WHERE (${brush}) AND ($segment = '' OR segment = $segment)
)
SELECT grouping(segment)::INTEGER AS whole, segment, count(*)::INTEGER AS count, sum(amount)::DOUBLE AS amount,
       (sum(amount * greatest(settle - due_date, 0)) / sum(amount))::DOUBLE AS dbt,
       (count(*) FILTER (WHERE settle <= due_date) / count(*))::DOUBLE AS on_time
FROM picked GROUP BY GROUPING SETS ((segment), ()) ORDER BY segment NULLS FIRST`;
  const rows = await copy.read((conn) => queryText<Figures & { whole: number }>(conn, sql, { ...values, as_of: asOf, segment }));
  return { all: rows.find((r) => r.whole === 1)!, bySegment: new Map(rows.filter((r) => r.whole === 0).map((r) => [r.segment ?? '(none)', r])) };
}

/** The summary's exact values, as the page states them (<data value>). */
export async function pageSummary(page: Page): Promise<{ count: number; amount: number; dbt: number; onTime: number }> {
  const value = async (name: string) => Number(await page.locator(`[data-figure="${name}"] data`).getAttribute('value'));
  return { count: await value('count'), amount: await value('amount'), dbt: await value('dbt'), onTime: await value('on-time') };
}
