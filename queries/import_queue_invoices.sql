-- Queue the invoices this import wrote for their status (invoice_status) to be computed.
INSERT INTO settlement_queue (invoice_id)
SELECT invoice_id FROM invoices WHERE import_id = $import_id;
