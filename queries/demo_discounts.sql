-- Demo early-payment discounts: an early payer's single payment within ten days of the invoice
-- of exactly 98% of it (as planned by demo_payments) leaves the 2% as a 'discount' adjustment.
INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind, import_id, customer_id, currency)
SELECT 'ADJ' || substr(i.invoice_id, 4) || '-D', i.invoice_id, p.payment_date,
       round(i.amount * 0.02, 2)::DECIMAL(18,2), 'discount', $import_id::INTEGER, i.customer_id, i.currency
FROM invoices i
JOIN demo_profiles d ON d.customer_id = i.customer_id
JOIN payments p ON p.invoice_id = i.invoice_id
WHERE d.profile = 'early_payer'
  AND p.payment_date <= i.invoice_date + 10
  AND round(i.amount * 0.02, 2) > 0
  AND p.amount = i.amount - round(i.amount * 0.02, 2);
