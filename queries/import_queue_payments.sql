-- Queue the invoices that payments written by this import are applied to.
INSERT INTO settlement_queue (invoice_id)
SELECT DISTINCT invoice_id FROM payments WHERE import_id = $import_id AND invoice_id IS NOT NULL;
