-- Status of each queued invoice (invoice_status_insert_all does every invoice): its terms, and from all its payments and adjustments the
-- first event's date, the first date on which they add up to at least its amount (settled),
-- and the first date on which they exceed it (overpaid). Same-day events count together.
INSERT INTO invoice_status
  (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, first_event_date, settle_date, overpaid_date)
WITH queued AS (
  SELECT i.invoice_id, i.customer_id, i.invoice_date, i.due_date, i.amount, i.currency, i.disputed
  FROM invoices i
  WHERE i.invoice_id IN (SELECT invoice_id FROM settlement_queue)
),
events AS (
  SELECT p.invoice_id, p.payment_date AS date, p.amount
  FROM payments p SEMI JOIN queued q ON p.invoice_id = q.invoice_id
  UNION ALL
  SELECT a.invoice_id, a.date, a.amount
  FROM adjustments a SEMI JOIN queued q ON a.invoice_id = q.invoice_id
),
daily AS (
  SELECT invoice_id, date, sum(amount) AS amount FROM events GROUP BY invoice_id, date
),
running AS (
  SELECT invoice_id, date, sum(amount) OVER (PARTITION BY invoice_id ORDER BY date) AS reduced FROM daily
),
dates AS (
  SELECT r.invoice_id,
         min(r.date) AS first_event_date,
         min(r.date) FILTER (WHERE r.reduced >= q.amount) AS settle_date,
         min(r.date) FILTER (WHERE r.reduced > q.amount) AS overpaid_date
  FROM running r JOIN queued q ON q.invoice_id = r.invoice_id
  GROUP BY r.invoice_id
)
SELECT q.invoice_id, q.customer_id, q.invoice_date, q.due_date, q.amount, q.currency, q.disputed,
       d.first_event_date, d.settle_date, d.overpaid_date
FROM queued q LEFT JOIN dates d ON d.invoice_id = q.invoice_id;
