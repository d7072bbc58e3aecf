-- Queue every invoice for status recomputation (after a bulk load such as the demo).
INSERT INTO settlement_queue (invoice_id) SELECT invoice_id FROM invoices;
