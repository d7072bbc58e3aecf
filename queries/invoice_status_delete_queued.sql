-- Forget the status of the invoices queued for recomputation (of every invoice when $all).
DELETE FROM invoice_status
WHERE $all::BOOLEAN OR invoice_id IN (SELECT invoice_id FROM settlement_queue);
