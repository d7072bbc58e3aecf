-- How many invoices dated on or before $as_of the customers of customers_in($segment, $region,
-- $currency) hold: the rows the explorer would send for that view (no tier filter), counted
-- without deriving them, to choose between Arrow columns and server-side bins.
SELECT count(*)::INTEGER AS invoices
FROM invoice_status s
WHERE s.invoice_date <= $as_of::DATE
  AND s.customer_id IN (SELECT customer_id FROM customers_in($segment, $region, $currency, NULL));
