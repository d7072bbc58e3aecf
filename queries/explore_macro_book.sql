-- The explorer's invoices as of `as_of`: one row per invoice dated on or before it, for the
-- customers of customers_in(seg, reg, ccy) (NULLs: all). amount is in the base currency at the
-- invoice date's rate, rounded to the cent (NULL when that rate is missing); days_to_pay and
-- days_beyond_terms (settle − due, signed) are NULL while the invoice is open at as_of; method is
-- that of its last payment dated on or before as_of; tier is its customer's, from the parallel
-- lists tier_ids / tier_names (NULL lists: no tiers); only_tier keeps that tier's invoices (NULL: all).
CREATE OR REPLACE TEMP MACRO explore_book(as_of, seg, reg, ccy, tier_ids, tier_names, only_tier) AS TABLE
  WITH cust AS (
    SELECT customer_id, segment, region FROM customers_in(seg, reg, ccy, NULL)
  ),
  inv AS (
    SELECT s.invoice_id, s.customer_id, s.invoice_date, s.due_date, s.amount, s.currency,
           CASE WHEN s.settle_date <= as_of THEN s.settle_date END AS settle_date
    FROM invoice_status s SEMI JOIN cust c ON c.customer_id = s.customer_id
    WHERE s.invoice_date <= as_of
  ),
  rates AS MATERIALIZED (
    SELECT currency, invoice_date, rate_on(currency, invoice_date) AS rate
    FROM (SELECT DISTINCT currency, invoice_date FROM inv)
  ),
  methods AS (
    SELECT p.invoice_id, arg_max(p.method, (p.payment_date, p.payment_id)) AS method
    FROM payments p
    WHERE p.invoice_id IS NOT NULL AND p.payment_date <= as_of
    GROUP BY p.invoice_id
  ),
  tiers AS (
    SELECT unnest(tier_ids) AS customer_id, unnest(tier_names) AS tier
  )
  SELECT i.invoice_id, i.customer_id, c.segment, c.region, i.currency, m.method, t.tier,
         i.invoice_date, i.due_date, i.settle_date,
         date_trunc('month', i.invoice_date)::DATE AS invoice_month,
         (i.due_date - i.invoice_date)::INTEGER AS terms,
         i.amount AS amount_invoiced,
         round(i.amount * r.rate, 2)::DECIMAL(18,2) AS amount,
         (i.settle_date - i.invoice_date)::INTEGER AS days_to_pay,
         (i.settle_date - i.due_date)::INTEGER AS days_beyond_terms
  FROM inv i
  JOIN cust c ON c.customer_id = i.customer_id
  JOIN rates r ON r.currency = i.currency AND r.invoice_date = i.invoice_date
  LEFT JOIN methods m ON m.invoice_id = i.invoice_id
  LEFT JOIN tiers t ON t.customer_id = i.customer_id
  WHERE only_tier IS NULL OR t.tier = only_tier;
