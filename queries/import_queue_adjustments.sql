-- Queue the invoices that adjustments written by this import reduce.
INSERT INTO settlement_queue (invoice_id)
SELECT DISTINCT invoice_id FROM adjustments WHERE import_id = $import_id;
