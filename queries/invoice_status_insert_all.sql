-- The status of every invoice, after all statuses were deleted (a demo, a bulk load): the rows
-- invoice_status_insert_queued writes for queued invoices, for all of them in fewer passes over the
-- events. No queue, so no semi-joins; events are not summed per day first, since the running sum's
-- default frame (RANGE) already counts an invoice's same-day events together; events of no known
-- invoice drop out at the join that brings each invoice's amount.
INSERT INTO invoice_status
  (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, first_event_date, settle_date, overpaid_date)
WITH events AS (
  SELECT invoice_id, payment_date AS date, amount FROM payments WHERE invoice_id IS NOT NULL
  UNION ALL
  SELECT invoice_id, date, amount FROM adjustments
),
running AS (
  SELECT invoice_id, date, sum(amount) OVER (PARTITION BY invoice_id ORDER BY date) AS reduced FROM events
),
dates AS (
  SELECT r.invoice_id,
         min(r.date) AS first_event_date,
         min(r.date) FILTER (WHERE r.reduced >= i.amount) AS settle_date,
         min(r.date) FILTER (WHERE r.reduced > i.amount) AS overpaid_date
  FROM running r JOIN invoices i ON i.invoice_id = r.invoice_id
  GROUP BY r.invoice_id
)
SELECT i.invoice_id, i.customer_id, i.invoice_date, i.due_date, i.amount, i.currency, i.disputed,
       d.first_event_date, d.settle_date, d.overpaid_date
FROM invoices i LEFT JOIN dates d ON d.invoice_id = i.invoice_id;
