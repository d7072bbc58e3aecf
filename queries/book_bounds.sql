-- The span of the book and the values its filters can take: for date pickers and filter menus.
SELECT
  (SELECT min(invoice_date) FROM invoices)::VARCHAR AS first_date,
  (SELECT greatest(max(invoice_date), (SELECT max(payment_date) FROM payments), (SELECT max(date) FROM adjustments)) FROM invoices)::VARCHAR AS last_date,
  (SELECT list(DISTINCT segment ORDER BY segment) FILTER (WHERE segment IS NOT NULL) FROM customers) AS segments,
  (SELECT list(DISTINCT region ORDER BY region) FILTER (WHERE region IS NOT NULL) FROM customers) AS regions,
  (SELECT list(DISTINCT currency ORDER BY currency) FROM customers) AS currencies,
  (SELECT count(*) FROM customers)::INTEGER AS customers,
  (SELECT count(*) FROM invoices)::INTEGER AS invoices;
