-- Write the staged adjustments that have no rejection and are not already in the database.
-- needs: import_stage_adjustments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_adjustments, import_errors_create
INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind, import_id)
SELECT t.adjustment_id, t.invoice_id, t.date, t.amount::DECIMAL(18,2), t.kind, $import_id
FROM import_typed_adjustments t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN adjustments a ON a.adjustment_id = t.adjustment_id
-- In key order: DuckDB's primary-key index takes sorted keys fastest.
ORDER BY t.adjustment_id;
