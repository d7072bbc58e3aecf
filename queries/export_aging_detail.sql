-- Aging detail at D, the default audit report, in the base currency at D's rate: one line per
-- open invoice (with its bucket), per credit (an overpaid invoice) and per unapplied payment,
-- each customer's subtotal after its lines, an FX rounding line when needed, and the grand
-- total (= AR(D)) last. Every value is text in its canonical form: money to the cent, rates to
-- 8 places. Lines are rounded to the cent and subtotals add the rounded lines; the rounding line
-- is AR(D) to the cent less the sum of the rounded lines, so the total is AR(D) to the cent.
-- Sorted by the full key: customer, line kind (invoice, credit, unapplied cash, subtotal), document.
WITH cust AS (
  SELECT customer_id, name, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  FROM open_positions([$as_of::DATE], $segment, $region, $currency, $customer_id) WHERE open <> 0
),
documents AS (
  SELECT customer_id, CASE WHEN open > 0 THEN 1 ELSE 2 END AS line_rank, invoice_id AS document,
         invoice_date AS document_date, due_date, currency, open,
         CASE WHEN open > 0 THEN bucket_index(d, due_date, invoice_date, $edges::INTEGER[], $basis) END AS bucket,
         d - due_date AS days_past_due
  FROM positions
  UNION ALL
  -- Unapplied cash is a credit in the customer's currency (as in unapplied_cash_at), one line per payment.
  SELECT p.customer_id, 3, p.payment_id, p.payment_date, NULL, c.currency, -p.amount, NULL, NULL
  FROM payments p JOIN cust c ON c.customer_id = p.customer_id
  WHERE p.invoice_id IS NULL AND p.payment_date <= $as_of::DATE
),
rates AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate FROM (SELECT DISTINCT currency FROM documents)
),
lines AS (
  SELECT d.*, r.rate, d.open * r.rate AS exact, round(d.open * r.rate, 2) AS base
  FROM documents d JOIN rates r ON r.currency = d.currency
),
totals AS (
  SELECT round(coalesce(sum(exact), 0), 2) AS ar, coalesce(sum(base), 0) AS footed FROM lines
),
report AS (
  SELECT 0 AS part, l.customer_id, l.line_rank, l.document,
         CASE l.line_rank WHEN 1 THEN 'invoice' WHEN 2 THEN 'credit' ELSE 'unapplied cash' END AS line,
         l.document_date::VARCHAR AS document_date, l.due_date::VARCHAR AS due_date,
         l.days_past_due::VARCHAR AS days_past_due,
         CASE WHEN l.bucket IS NULL THEN 'unapplied' ELSE ($labels::VARCHAR[])[l.bucket + 1] END AS bucket,
         l.currency, l.open::DECIMAL(18,2)::VARCHAR AS open_amount, l.rate::VARCHAR AS fx_rate,
         l.base::DECIMAL(38,2)::VARCHAR AS open_base
  FROM lines l
  UNION ALL
  SELECT 0, customer_id, 9, '', 'subtotal', NULL, NULL, NULL, NULL, NULL, NULL, NULL, sum(base)::DECIMAL(38,2)::VARCHAR
  FROM lines GROUP BY customer_id
  UNION ALL
  SELECT 1, NULL, 0, '', 'fx rounding', NULL, NULL, NULL, NULL, NULL, NULL, NULL, (ar - footed)::DECIMAL(38,2)::VARCHAR
  FROM totals WHERE ar <> footed
  UNION ALL
  SELECT 2, NULL, 0, '', 'total', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ar::DECIMAL(38,2)::VARCHAR
  FROM totals
)
SELECT r.customer_id, c.name AS customer_name, r.line, nullif(r.document, '') AS document, r.document_date,
       r.due_date, r.days_past_due, r.bucket, r.currency, r.open_amount, r.fx_rate, r.open_base
FROM report r LEFT JOIN cust c ON c.customer_id = r.customer_id
ORDER BY r.part, r.customer_id, r.line_rank, r.document;
