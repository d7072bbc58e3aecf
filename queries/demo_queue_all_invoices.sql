-- --replace: queue the old invoices before they go, so that their derived rows go with them.
INSERT INTO settlement_queue (invoice_id) SELECT invoice_id FROM invoices;
