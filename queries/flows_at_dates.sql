-- Flows for each day d of $dates, in the base currency with each flow at its own date's rate:
-- sales, collections and write-offs in the window (d - W, d], and net sales per calendar month
-- for countback DSO (month 0 = d's month up to d, month k = k months before, k < 24).
-- $span_start is the first day any of them needs: min(first window day, first countback month).
WITH cust AS (
  SELECT customer_id, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
days AS (
  SELECT DISTINCT unnest($dates::DATE[]) AS d
),
events AS (
  SELECT i.invoice_date AS date, i.currency, 'sale' AS kind, i.amount
  FROM invoices i SEMI JOIN cust c ON c.customer_id = i.customer_id
  WHERE i.invoice_date BETWEEN $span_start::DATE AND list_max($dates::DATE[])
  UNION ALL
  SELECT a.date, a.currency, a.kind, a.amount
  FROM adjustments a SEMI JOIN cust c ON c.customer_id = a.customer_id
  WHERE a.kind IN ('credit_note', 'write_off') AND a.date BETWEEN $span_start::DATE AND list_max($dates::DATE[])
  UNION ALL
  -- A payment is in its invoice's currency, or in its customer's when unapplied (derived on write).
  SELECT p.payment_date, p.currency, 'payment', p.amount
  FROM payments p SEMI JOIN cust c ON c.customer_id = p.customer_id
  WHERE p.payment_date BETWEEN $span_start::DATE AND list_max($dates::DATE[])
),
daily AS (
  SELECT date, currency, kind, sum(amount) AS amount FROM events GROUP BY ALL
),
converted AS (
  SELECT date, currency, kind, amount * rate_on(currency, date) AS base_amount FROM daily
),
per_day AS (
  SELECT date,
         coalesce(sum(base_amount) FILTER (WHERE kind = 'sale'), 0)
           - coalesce(sum(base_amount) FILTER (WHERE kind = 'credit_note'), 0) AS net_sales,
         coalesce(sum(base_amount) FILTER (WHERE kind = 'payment'), 0) AS collections,
         coalesce(sum(base_amount) FILTER (WHERE kind = 'write_off'), 0) AS write_offs
  FROM converted GROUP BY date
),
windows AS (
  SELECT days.d, sum(p.net_sales) AS sales, sum(p.collections) AS collections, sum(p.write_offs) AS write_offs
  FROM days JOIN per_day p ON p.date > days.d - $window_days::INTEGER AND p.date <= days.d
  GROUP BY days.d
),
months AS (
  SELECT days.d, date_diff('month', date_trunc('month', p.date), date_trunc('month', days.d)) AS month_back,
         sum(p.net_sales) AS net_sales
  FROM days JOIN per_day p ON p.date >= (date_trunc('month', days.d) - INTERVAL 23 MONTH)::DATE AND p.date <= days.d
  GROUP BY ALL
),
month_lists AS (
  SELECT d, list({'month_back': month_back::INTEGER, 'net_sales': net_sales::DOUBLE} ORDER BY month_back) AS monthly_sales
  FROM months GROUP BY d
)
SELECT days.d::VARCHAR AS date,
       coalesce(w.sales, 0)::DOUBLE AS sales,
       coalesce(w.collections, 0)::DOUBLE AS collections,
       coalesce(w.write_offs, 0)::DOUBLE AS write_offs,
       m.monthly_sales,
       (SELECT min(c.currency || ' on ' || c.date) FROM converted c
         WHERE c.base_amount IS NULL AND c.date <= days.d
           AND c.date >= least(days.d - $window_days::INTEGER + 1, (date_trunc('month', days.d) - INTERVAL 23 MONTH)::DATE)) AS missing_rate
FROM days
LEFT JOIN windows w ON w.d = days.d
LEFT JOIN month_lists m ON m.d = days.d
ORDER BY days.d;
