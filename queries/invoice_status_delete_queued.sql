-- Forget the status of the invoices queued for recomputation.
DELETE FROM invoice_status
WHERE invoice_id IN (SELECT invoice_id FROM settlement_queue);
