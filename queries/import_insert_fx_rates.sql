-- Write the staged fx rates that have no rejection and are not already in the database.
-- needs: import_stage_fx_rates, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_fx_rates, import_errors_create
INSERT INTO fx_rates (date, currency, rate_to_base, import_id)
SELECT t.date, t.currency, t.rate_to_base, $import_id
FROM import_typed_fx_rates t
WHERE NOT EXISTS (SELECT 1 FROM import_errors e WHERE e.row_no = t.row_no)
  AND NOT EXISTS (SELECT 1 FROM fx_rates x WHERE x.date = t.date AND x.currency = t.currency);
