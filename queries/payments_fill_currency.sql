-- Derive the currency of payments written without it: the invoice's, or the customer's for
-- unapplied cash. Payments carry no currency of their own in the files (spec/kpis.md).
UPDATE payments
SET currency = coalesce(
  (SELECT i.currency FROM invoices i WHERE i.invoice_id = payments.invoice_id),
  (SELECT c.currency FROM customers c WHERE c.customer_id = payments.customer_id))
WHERE currency IS NULL;
