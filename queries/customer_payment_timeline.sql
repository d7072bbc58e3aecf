-- One customer's invoices for its payment timeline at D: each invoice booked by D and open at
-- some time in the last N months, N the longest of $months whose window holds at most
-- $max_invoices invoices (else the shortest), and of those the latest $max_invoices by date.
-- An invoice settled after D is open at D. Days late = (settle date, or D when open) − due date.
-- Every row also carries N, its window's start, the invoices in the window and the customer's
-- invoices by D; with no invoice to show, one row holds these alone (invoice_id NULL).
WITH booked AS (
  SELECT i.*, CASE WHEN i.settle_date <= $as_of::DATE THEN i.settle_date END AS settled
  FROM invoice_status i
  WHERE i.customer_id = $customer_id AND i.invoice_date <= $as_of::DATE
),
windows AS (
  SELECT months, ($as_of::DATE - to_months(months))::DATE AS window_start
  FROM (SELECT unnest($months::INTEGER[]) AS months)
),
counts AS (
  SELECT w.months, w.window_start, count(b.invoice_id) AS invoices
  FROM windows w LEFT JOIN booked b ON b.settled IS NULL OR b.settled > w.window_start
  GROUP BY ALL
),
chosen AS (
  SELECT * FROM counts
  WHERE months = (SELECT coalesce(max(months) FILTER (WHERE invoices <= $max_invoices::INTEGER), min(months)) FROM counts)
),
write_offs AS (
  SELECT DISTINCT a.invoice_id FROM adjustments a
  WHERE a.customer_id = $customer_id AND a.kind = 'write_off' AND a.date <= $as_of::DATE
)
SELECT w.invoice_id, w.invoice_date::VARCHAR AS invoice_date, w.due_date::VARCHAR AS due_date,
       w.settled::VARCHAR AS settle_date, w.amount::DOUBLE AS amount, w.currency, w.disputed,
       (coalesce(w.settled, $as_of::DATE) - w.due_date)::INTEGER AS days_late,
       w.invoice_id IN (SELECT invoice_id FROM write_offs) AS written_off,
       c.months::INTEGER AS months, c.window_start::VARCHAR AS window_start, c.invoices::INTEGER AS in_window,
       (SELECT count(*) FROM booked)::INTEGER AS booked
FROM chosen c LEFT JOIN booked w ON w.settled IS NULL OR w.settled > c.window_start
ORDER BY w.invoice_date DESC NULLS LAST, w.invoice_id DESC
LIMIT greatest($max_invoices::INTEGER, 1);
