-- AR at each day d of $dates, in the base currency at d's rate, from the ledger identity
-- AR(d) = invoices booked - payments - adjustments, all dated <= d: the positive opens plus
-- unapplied(d) add up to exactly this (spec/kpis.md), so no single invoice needs looking at.
-- Serves AR(S) at the window starts, where nothing but AR is needed.
WITH cust AS (
  SELECT customer_id FROM customers_in($segment, $region, $currency, $customer_id)
),
days AS (
  SELECT DISTINCT unnest($dates::DATE[]) AS d
),
daily AS (
  SELECT invoice_date AS date, currency, sum(amount) AS amount FROM invoices
  WHERE invoice_date <= list_max($dates::DATE[]) AND customer_id IN (SELECT customer_id FROM cust) GROUP BY ALL
  UNION ALL
  SELECT payment_date, currency, -sum(amount) FROM payments
  WHERE payment_date <= list_max($dates::DATE[]) AND customer_id IN (SELECT customer_id FROM cust) GROUP BY ALL
  UNION ALL
  SELECT date, currency, -sum(amount) FROM adjustments
  WHERE date <= list_max($dates::DATE[]) AND customer_id IN (SELECT customer_id FROM cust) GROUP BY ALL
),
per_day AS (
  SELECT date, currency, sum(amount) AS amount FROM daily GROUP BY ALL
),
balances AS (
  SELECT days.d, p.currency, sum(p.amount) AS net
  FROM days JOIN per_day p ON p.date <= days.d GROUP BY ALL
),
converted AS (
  SELECT d, currency, net, net * rate_on(currency, d) AS base FROM balances
)
SELECT days.d::VARCHAR AS date,
       coalesce(sum(c.base), 0)::DOUBLE AS ar,
       min(CASE WHEN c.base IS NULL AND c.net <> 0 THEN c.currency || ' on ' || c.d END) AS missing_rate
FROM days LEFT JOIN converted c ON c.d = days.d
GROUP BY days.d
ORDER BY days.d;
