-- The customers of a view whose id or name contains $q (ignoring case; all when NULL), with
-- their master data and credit limit in the base currency at D's rate; by customer id.
WITH cust AS (
  SELECT * FROM customers_in($segment, $region, $currency, NULL)
  WHERE $q::VARCHAR IS NULL
     OR contains(lower(customer_id), lower($q::VARCHAR))
     OR contains(lower(name), lower($q::VARCHAR))
),
rates AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate FROM (SELECT DISTINCT currency FROM cust)
)
SELECT c.customer_id, c.name, c.segment, c.region, c.currency, (c.credit_limit * r.rate)::DOUBLE AS credit_limit
FROM cust c JOIN rates r USING (currency)
ORDER BY c.customer_id;
