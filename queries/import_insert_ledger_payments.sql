-- Write the payment each valid ledger row records, with the deterministic id
-- '<invoice_id>/paid' so that re-importing the file adds nothing. An amount larger than the
-- invoice stays as it is (a credit balance).
-- needs: import_stage_ledger, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_ledger, import_errors_create
INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method, import_id)
SELECT t.invoice_id || '/paid', t.customer_id, t.invoice_id, t.paid_date, t.payment_amount::DECIMAL(18,2), t.method, $import_id
FROM import_typed_ledger t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN payments p ON p.payment_id = t.invoice_id || '/paid'
WHERE t.payment_amount IS NOT NULL
-- In key order (the ids are the invoices' with '/paid'): the primary key takes sorted keys fastest.
ORDER BY t.invoice_id;
