-- Queue every invoice for settlement recomputation (after a bulk load such as the demo).
INSERT INTO settlement_queue (invoice_id) SELECT invoice_id FROM invoices;
