-- Demo write-offs: whatever is still owed on an invoice 5 to 12 months after its due date (and
-- a month after its last payment) is written off at the month end that follows, if by $end.
INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind, import_id, customer_id, currency)
WITH events AS (
  SELECT invoice_id, payment_date AS date, amount FROM payments WHERE invoice_id IS NOT NULL
  UNION ALL
  SELECT invoice_id, date, amount FROM adjustments
),
-- Summed for every invoice at once: cheaper than first picking the old ones out of the events.
reduced AS (
  SELECT invoice_id, sum(amount) AS amount, max(date) AS last_date FROM events GROUP BY invoice_id
),
owing AS (
  SELECT i.invoice_id, i.customer_id, i.currency, i.amount - coalesce(r.amount, 0) AS owed,
         last_day(greatest(i.due_date + (150 + floor(211 * (hash($seed::INTEGER, i.invoice_id, 'write_off') % 1000000 / 1e6)))::INTEGER,
                           r.last_date + 30)) AS date
  -- Nothing younger can be written off by the end.
  FROM invoices i LEFT JOIN reduced r ON r.invoice_id = i.invoice_id
  WHERE i.due_date <= $end::DATE - 150
)
SELECT 'ADJ' || substr(invoice_id, 4) || '-W', invoice_id, date, owed::DECIMAL(18,2), 'write_off', $import_id::INTEGER, customer_id, currency
FROM owing
WHERE owed > 0 AND date <= $end::DATE;
