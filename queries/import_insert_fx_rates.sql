-- Write the staged fx rates that have no rejection and are not already in the database.
-- needs: import_stage_fx_rates, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_fx_rates, import_errors_create
INSERT INTO fx_rates (date, currency, rate_to_base, import_id)
SELECT t.date, t.currency, t.rate_to_base, $import_id
FROM import_typed_fx_rates t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN fx_rates x ON x.date = t.date AND x.currency = t.currency;
