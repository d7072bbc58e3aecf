-- Derive the customer and currency of adjustments written without them: their invoice's.
UPDATE adjustments
SET customer_id = i.customer_id, currency = i.currency
FROM invoices i
WHERE i.invoice_id = adjustments.invoice_id AND adjustments.currency IS NULL;
