-- Write the invoices of the valid ledger rows that are not already in the database.
-- needs: import_stage_ledger, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_ledger, import_errors_create
INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, import_id)
SELECT t.invoice_id, t.customer_id, t.invoice_date, t.due_date, t.amount::DECIMAL(18,2), t.currency, t.disputed, $import_id
FROM import_typed_ledger t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN invoices i ON i.invoice_id = t.invoice_id
-- In key order: DuckDB's primary-key index takes sorted keys fastest.
ORDER BY t.invoice_id;
