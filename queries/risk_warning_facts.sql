-- Per customer at D, what the invoice-level early warnings read (base currency at D's rate):
-- the open amount that crossed 60 and 90 days past due in the last $lookback_days days (with the
-- earliest crossing), and the payment rhythm: in how many of the $cycles cycles of $cycle_days days
-- before the latest one the customer paid, whether it paid in the latest, and what fell due in it
-- and is still open. Only customers with something to report.
-- needs: macros
WITH cust AS (
  SELECT customer_id, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  SELECT customer_id, currency, due_date, open, $as_of::DATE - due_date AS dpd
  FROM open_positions([$as_of::DATE], $segment, $region, $currency, $customer_id)
  WHERE open > 0
),
rates AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate FROM (SELECT DISTINCT currency FROM positions)
),
crossings AS (
  SELECT p.customer_id,
         sum(p.open * r.rate) FILTER (WHERE p.dpd > 60 AND p.dpd <= 60 + $lookback_days::INTEGER) AS past_60_new,
         count(*) FILTER (WHERE p.dpd > 60 AND p.dpd <= 60 + $lookback_days::INTEGER) AS past_60_invoices,
         min(p.due_date + 61) FILTER (WHERE p.dpd > 60 AND p.dpd <= 60 + $lookback_days::INTEGER) AS past_60_since,
         sum(p.open * r.rate) FILTER (WHERE p.dpd > 90 AND p.dpd <= 90 + $lookback_days::INTEGER) AS past_90_new,
         count(*) FILTER (WHERE p.dpd > 90 AND p.dpd <= 90 + $lookback_days::INTEGER) AS past_90_invoices,
         min(p.due_date + 91) FILTER (WHERE p.dpd > 90 AND p.dpd <= 90 + $lookback_days::INTEGER) AS past_90_since,
         sum(p.open * r.rate) FILTER (WHERE p.dpd > 0 AND p.dpd <= $cycle_days::INTEGER) AS fell_due,
         min(p.due_date) FILTER (WHERE p.dpd > 0 AND p.dpd <= $cycle_days::INTEGER) AS fell_due_since
  FROM positions p JOIN rates r USING (currency)
  GROUP BY p.customer_id
),
-- Cycle 0 is the latest (D - c, D]; cycle k is (D - (k + 1) c, D - k c].
cycles AS (
  SELECT p.customer_id,
         count(DISTINCT (($as_of::DATE - p.payment_date) // $cycle_days::INTEGER)) FILTER (WHERE $as_of::DATE - p.payment_date >= $cycle_days::INTEGER) AS cycles_paid,
         count(*) FILTER (WHERE $as_of::DATE - p.payment_date < $cycle_days::INTEGER) AS payments_latest,
         max(p.payment_date) AS last_payment
  FROM payments p
  WHERE p.payment_date <= $as_of::DATE
    AND p.payment_date > $as_of::DATE - ($cycles::INTEGER + 1) * $cycle_days::INTEGER
    AND p.customer_id IN (SELECT customer_id FROM cust)
  GROUP BY p.customer_id
)
SELECT coalesce(x.customer_id, y.customer_id) AS customer_id,
       coalesce(x.past_60_new, 0)::DOUBLE AS past_60_new, coalesce(x.past_60_invoices, 0)::INTEGER AS past_60_invoices,
       x.past_60_since::VARCHAR AS past_60_since,
       coalesce(x.past_90_new, 0)::DOUBLE AS past_90_new, coalesce(x.past_90_invoices, 0)::INTEGER AS past_90_invoices,
       x.past_90_since::VARCHAR AS past_90_since,
       coalesce(x.fell_due, 0)::DOUBLE AS fell_due, x.fell_due_since::VARCHAR AS fell_due_since,
       coalesce(y.cycles_paid, 0)::INTEGER AS cycles_paid, coalesce(y.payments_latest, 0)::INTEGER AS payments_latest,
       y.last_payment::VARCHAR AS last_payment,
       (SELECT min(currency || ' on ' || $as_of::DATE) FROM rates WHERE rate IS NULL) AS missing_rate
FROM crossings x FULL JOIN cycles y ON y.customer_id = x.customer_id
ORDER BY 1;
