-- Aging per transaction currency at D: each currency's open invoices in its own money, with
-- the rate of D that converts them to the base currency. Unapplied credit per currency too.
WITH cust AS (
  SELECT customer_id, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  FROM open_positions([$as_of::DATE], $segment, $region, $currency, $customer_id)
),
positive AS (
  SELECT currency, bucket_index(d, due_date, invoice_date, $edges::INTEGER[], $basis) AS bucket,
         sum(open) AS amount, count(*) AS invoices
  FROM positions WHERE open > 0 GROUP BY ALL
),
credits AS (
  SELECT currency, sum(open) AS amount FROM positions WHERE open < 0 GROUP BY ALL
  UNION ALL
  SELECT c.currency, -u.amount FROM unapplied_cash_at([$as_of::DATE]) u JOIN cust c ON c.customer_id = u.customer_id
),
currencies AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate FROM (SELECT currency FROM positive UNION SELECT currency FROM credits)
)
SELECT cur.currency, cur.rate::DOUBLE AS rate,
       (SELECT list({'bucket': p.bucket, 'amount': p.amount::DOUBLE, 'invoices': p.invoices::INTEGER} ORDER BY p.bucket)
          FROM positive p WHERE p.currency = cur.currency) AS buckets,
       coalesce((SELECT sum(amount) FROM credits c WHERE c.currency = cur.currency), 0)::DOUBLE AS unapplied
FROM currencies cur
ORDER BY cur.currency;
