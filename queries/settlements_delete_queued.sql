-- Forget the settle dates of the invoices queued for recomputation.
DELETE FROM settlements
WHERE invoice_id IN (SELECT invoice_id FROM settlement_queue);
