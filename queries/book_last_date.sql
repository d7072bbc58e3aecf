-- The latest date any event of the book carries: the natural default as-of date.
SELECT greatest(
  (SELECT max(invoice_date) FROM invoices),
  (SELECT max(payment_date) FROM payments),
  (SELECT max(date) FROM adjustments)
)::VARCHAR AS last_date;
