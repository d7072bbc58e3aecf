-- One customer's master data (its credit limit also in the base currency at D's rate), with
-- the span and count of its invoices booked by D; no row for an unknown customer.
WITH booked AS (
  SELECT min(invoice_date) AS first_invoice, max(invoice_date) AS last_invoice, count(*) AS invoices
  FROM invoice_status
  WHERE customer_id = $customer_id AND invoice_date <= $as_of::DATE
)
SELECT c.customer_id, c.name, c.segment, c.region, c.country, c.currency,
       c.payment_terms_days::INTEGER AS payment_terms_days,
       c.credit_limit::DOUBLE AS credit_limit,
       (c.credit_limit * rate_on(c.currency, $as_of::DATE))::DOUBLE AS credit_limit_base,
       b.first_invoice::VARCHAR AS first_invoice, b.last_invoice::VARCHAR AS last_invoice,
       b.invoices::INTEGER AS invoices
FROM customers c, booked b
WHERE c.customer_id = $customer_id;
