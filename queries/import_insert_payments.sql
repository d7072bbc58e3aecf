-- Write the staged payments that have no rejection and are not already in the database,
-- amounts as they are (a payment larger than what is open becomes a credit, never clamped).
-- needs: import_stage_payments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_payments, import_errors_create
INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method, import_id)
SELECT t.payment_id, t.customer_id, t.invoice_id, t.payment_date, t.amount::DECIMAL(18,2), t.method, $import_id
FROM import_typed_payments t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN payments p ON p.payment_id = t.payment_id
-- In key order: DuckDB's primary-key index takes sorted keys fastest.
ORDER BY t.payment_id;
