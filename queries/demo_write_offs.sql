-- Demo write-offs: whatever is still owed on an invoice 5 to 12 months after its due date (and
-- a month after its last payment) is written off at the month end that follows, if by $end.
INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind, import_id, customer_id, currency)
WITH old AS (
  -- Nothing younger can be written off by the end: it saves summing most of the book's events.
  SELECT invoice_id, customer_id, currency, amount, due_date FROM invoices WHERE due_date <= $end::DATE - 150
),
events AS (
  SELECT p.invoice_id, p.payment_date AS date, p.amount FROM payments p SEMI JOIN old o ON o.invoice_id = p.invoice_id
  UNION ALL
  SELECT a.invoice_id, a.date, a.amount FROM adjustments a SEMI JOIN old o ON o.invoice_id = a.invoice_id
),
reduced AS (
  SELECT invoice_id, sum(amount) AS amount, max(date) AS last_date FROM events GROUP BY invoice_id
),
owing AS (
  SELECT i.invoice_id, i.customer_id, i.currency, i.amount - coalesce(r.amount, 0) AS owed,
         last_day(greatest(i.due_date + (150 + floor(211 * (hash($seed::INTEGER, i.invoice_id, 'write_off') % 1000000 / 1e6)))::INTEGER,
                           r.last_date + 30)) AS date
  FROM old i LEFT JOIN reduced r ON r.invoice_id = i.invoice_id
)
SELECT 'ADJ' || substr(invoice_id, 4) || '-W', invoice_id, date, owed::DECIMAL(18,2), 'write_off', $import_id::INTEGER, customer_id, currency
FROM owing
WHERE owed > 0 AND date <= $end::DATE;
