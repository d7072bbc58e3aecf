-- Payment behaviour of the invoices settled in the window (d - W, d], for each day d of $dates
-- (spec/kpis.md "Payment behaviour"): amount-weighted days beyond terms and days to pay, and the
-- on-time count.
WITH cust AS (
  SELECT customer_id FROM customers_in($segment, $region, $currency, $customer_id)
),
days AS (
  SELECT DISTINCT unnest($dates::DATE[]) AS d
),
per_day AS (
  SELECT s.settle_date,
         sum(s.weight) AS weight,
         sum(s.weight * s.days_beyond_terms) AS weighted_dbt,
         sum(s.weight * s.days_to_pay) AS weighted_days,
         count(*) AS settled,
         count(*) FILTER (WHERE s.on_time) AS on_time,
         min(s.currency || ' on ' || s.invoice_date) FILTER (WHERE s.weight IS NULL) AS missing_rate
  FROM settled_between(list_min($dates::DATE[]) - $window_days::INTEGER, list_max($dates::DATE[])) s
  SEMI JOIN cust c ON c.customer_id = s.customer_id
  GROUP BY s.settle_date
)
SELECT days.d::VARCHAR AS date,
       coalesce(sum(p.settled), 0)::INTEGER AS settled,
       sum(p.weighted_dbt) / sum(p.weight) AS dbt,
       sum(p.weighted_days) / sum(p.weight) AS days_to_pay,
       (sum(p.on_time) / sum(p.settled))::DOUBLE AS on_time_rate,
       min(p.missing_rate) AS missing_rate
FROM days LEFT JOIN per_day p ON p.settle_date > days.d - $window_days::INTEGER AND p.settle_date <= days.d
GROUP BY days.d
ORDER BY days.d;
