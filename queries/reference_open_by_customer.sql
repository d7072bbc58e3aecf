-- Benchmark yardstick, not used by the app: the plain single pass that sums every customer's
-- open amount at D (amount minus payments and adjustments dated <= D), as anyone would write it.
WITH paid AS (
  SELECT invoice_id, sum(amount) AS amount FROM payments
  WHERE invoice_id IS NOT NULL AND payment_date <= $as_of::DATE GROUP BY invoice_id
),
adjusted AS (
  SELECT invoice_id, sum(amount) AS amount FROM adjustments WHERE date <= $as_of::DATE GROUP BY invoice_id
)
SELECT i.customer_id, sum(i.amount - coalesce(p.amount, 0) - coalesce(a.amount, 0))::DOUBLE AS open
FROM invoices i
LEFT JOIN paid p ON p.invoice_id = i.invoice_id
LEFT JOIN adjusted a ON a.invoice_id = i.invoice_id
WHERE i.invoice_date <= $as_of::DATE
GROUP BY i.customer_id;
