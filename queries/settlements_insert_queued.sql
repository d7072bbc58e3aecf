-- Settle date of each queued invoice: the first date on which payments and adjustments
-- applied to it add up to at least its amount (spec/kpis.md, "settled").
INSERT INTO settlements (invoice_id, settle_date)
WITH queued AS (
  SELECT DISTINCT invoice_id FROM settlement_queue
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
  SELECT invoice_id, date, sum(amount) OVER (PARTITION BY invoice_id ORDER BY date) AS paid FROM daily
)
SELECT r.invoice_id, min(r.date)
FROM running r JOIN invoices i ON i.invoice_id = r.invoice_id
WHERE r.paid >= i.amount
GROUP BY r.invoice_id;
