-- Per customer at D (spec/kpis.md "Per customer at D"), in the base currency at D's rate:
-- the aging buckets, unapplied credit, AR, overdue (always by due date), credit limit and
-- utilisation, and the behaviour of the customer's invoices settled in P = (S, D].
-- Only customers with a non-zero balance; largest AR first.
WITH cust AS (
  SELECT customer_id, name, currency, credit_limit FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  FROM open_positions([$as_of::DATE], $segment, $region, $currency, $customer_id)
),
positive AS (
  SELECT customer_id, currency, bucket_index(d, due_date, invoice_date, $edges::INTEGER[], $basis) AS bucket,
         due_date < d AS is_overdue, sum(open) AS amount
  FROM positions WHERE open > 0 GROUP BY ALL
),
credits AS (
  SELECT customer_id, currency, sum(open) AS amount FROM positions WHERE open < 0 GROUP BY ALL
  UNION ALL
  SELECT u.customer_id, c.currency, -u.amount
  FROM unapplied_cash_at([$as_of::DATE]) u JOIN cust c ON c.customer_id = u.customer_id
),
rates AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate
  FROM (SELECT currency FROM positive UNION SELECT currency FROM credits UNION SELECT currency FROM cust)
),
per_customer_buckets AS (
  SELECT customer_id, list({'bucket': bucket, 'amount': amount::DOUBLE} ORDER BY bucket) AS buckets,
         sum(amount) AS positive, sum(overdue) AS overdue
  FROM (
    SELECT p.customer_id, p.bucket, sum(p.amount * r.rate) AS amount,
           coalesce(sum(p.amount * r.rate) FILTER (WHERE p.is_overdue), 0) AS overdue
    FROM positive p JOIN rates r USING (currency) GROUP BY ALL
  )
  GROUP BY customer_id
),
per_customer_credit AS (
  SELECT c.customer_id, sum(c.amount * r.rate) AS unapplied
  FROM credits c JOIN rates r USING (currency) GROUP BY c.customer_id
),
behaviour AS (
  SELECT s.customer_id,
         sum(s.weight * s.days_beyond_terms) / sum(s.weight) AS dbt,
         sum(s.weight * s.days_to_pay) / sum(s.weight) AS days_to_pay,
         count(*) FILTER (WHERE s.on_time) / count(*) AS on_time_rate,
         min(s.currency || ' on ' || s.invoice_date) FILTER (WHERE s.weight IS NULL) AS missing_rate
  FROM settled_between($start::DATE, $as_of::DATE) s SEMI JOIN cust c ON c.customer_id = s.customer_id
  GROUP BY s.customer_id
),
result AS (
  SELECT c.customer_id, c.name,
         coalesce(b.positive, 0) + coalesce(u.unapplied, 0) AS ar,
         coalesce(u.unapplied, 0) AS unapplied,
         coalesce(b.overdue, 0) AS overdue,
         b.buckets,
         c.credit_limit * r.rate AS credit_limit,
         bh.dbt, bh.days_to_pay, bh.on_time_rate
  FROM cust c
  LEFT JOIN per_customer_buckets b ON b.customer_id = c.customer_id
  LEFT JOIN per_customer_credit u ON u.customer_id = c.customer_id
  LEFT JOIN behaviour bh ON bh.customer_id = c.customer_id
  LEFT JOIN rates r ON r.currency = c.currency
)
SELECT customer_id, name, ar::DOUBLE AS ar, unapplied::DOUBLE AS unapplied, overdue::DOUBLE AS overdue, buckets,
       credit_limit::DOUBLE AS credit_limit,
       CASE WHEN credit_limit > 0 THEN (ar / credit_limit)::DOUBLE END AS utilisation,
       dbt::DOUBLE AS dbt, days_to_pay::DOUBLE AS days_to_pay, on_time_rate::DOUBLE AS on_time_rate,
       coalesce((SELECT min(currency || ' on ' || $as_of::DATE) FROM rates
                 WHERE rate IS NULL AND currency IN (SELECT currency FROM positive UNION SELECT currency FROM credits)),
                (SELECT min(missing_rate) FROM behaviour)) AS missing_rate
FROM result
WHERE ar <> 0
ORDER BY ar DESC, customer_id;
