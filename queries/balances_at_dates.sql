-- Balances at each day d of $dates, in the base currency at d's rate (spec/kpis.md "Balances
-- at D" and "Aging at D"): AR(d), unapplied(d), the aging buckets of invoices open at d, overdue(d)
-- (on the due basis), the count of open invoices, and, at the days of $report_dates, the count
-- of customers with a non-zero balance.
WITH cust AS (
  SELECT customer_id, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  FROM open_positions($dates::DATE[], $segment, $region, $currency, $customer_id)
),
cash AS (
  SELECT u.d, u.customer_id, c.currency, u.amount
  FROM unapplied_cash_at($dates::DATE[]) u JOIN cust c ON c.customer_id = u.customer_id
),
-- Per day and currency: the net of all opens and unapplied cash (AR is linear in it) and the
-- credit part (negative opens and unapplied cash).
per_currency AS (
  SELECT d, currency, sum(open) AS net, coalesce(sum(open) FILTER (WHERE open < 0), 0) AS credit
  FROM positions GROUP BY ALL
  UNION ALL
  SELECT d, currency, -sum(amount), -sum(amount) FROM cash GROUP BY ALL
),
-- Per customer, only at the days of $report_dates (the as-of dates, not the window starts
-- that only need AR): the net balance, to count the customers who have one.
per_customer AS (
  SELECT d, customer_id, currency, sum(open) AS net FROM positions
  WHERE d IN (SELECT unnest($report_dates::DATE[])) GROUP BY ALL
  UNION ALL
  SELECT d, customer_id, currency, -amount FROM cash WHERE d IN (SELECT unnest($report_dates::DATE[]))
),
buckets AS (
  SELECT d, currency, bucket_index(d, due_date, invoice_date, $edges::INTEGER[], $basis) AS bucket,
         sum(open) AS amount, count(*) AS invoices
  FROM positions WHERE open > 0 GROUP BY ALL
),
rates AS (
  SELECT d, currency, rate_on(currency, d) AS rate FROM (SELECT DISTINCT d, currency FROM per_currency)
),
customer_balances AS (
  SELECT p.d, p.customer_id, sum(p.net * r.rate) AS balance
  FROM per_customer p JOIN rates r USING (d, currency) GROUP BY ALL
),
totals AS (
  SELECT p.d, sum(p.net * r.rate) AS ar, sum(p.credit * r.rate) AS unapplied
  FROM per_currency p JOIN rates r USING (d, currency) GROUP BY p.d
),
bucket_totals AS (
  SELECT b.d, b.bucket, sum(b.amount * r.rate) AS amount, sum(b.invoices) AS invoices
  FROM buckets b JOIN rates r USING (d, currency) GROUP BY ALL
),
bucket_lists AS (
  SELECT d, list({'bucket': bucket, 'amount': amount::DOUBLE, 'invoices': invoices::INTEGER} ORDER BY bucket) AS buckets,
         sum(amount) FILTER (WHERE bucket > 0) AS past_first_bucket, sum(invoices) AS open_invoices
  FROM bucket_totals GROUP BY d
),
counts AS (
  SELECT d, count(*) FILTER (WHERE balance <> 0) AS customers_with_balance FROM customer_balances GROUP BY d
)
SELECT days.d::VARCHAR AS date,
       coalesce(t.ar, 0)::DOUBLE AS ar,
       coalesce(t.unapplied, 0)::DOUBLE AS unapplied,
       b.buckets,
       -- overdue(d) on the due basis: every bucket but the first (current).
       coalesce(b.past_first_bucket, 0)::DOUBLE AS overdue,
       coalesce(b.open_invoices, 0)::INTEGER AS open_invoices,
       coalesce(c.customers_with_balance, 0)::INTEGER AS customers_with_balance,
       (SELECT min(r.currency || ' on ' || r.d) FROM rates r WHERE r.rate IS NULL AND r.d = days.d) AS missing_rate
FROM (SELECT DISTINCT unnest($dates::DATE[]) AS d) days
LEFT JOIN totals t ON t.d = days.d
LEFT JOIN bucket_lists b ON b.d = days.d
LEFT JOIN counts c ON c.d = days.d
ORDER BY days.d;
