-- The staged fx rates read: date parsed, currency upper-cased, the rate parsed with a lone
-- separator always a decimal mark (1.085 is a rate, not 1085). Wholly empty records are left out.
-- needs: import_stage_fx_rates, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_fx_rates AS
SELECT r.*, TRY_CAST(r.rate_number AS DECIMAL(18,8)) AS rate_to_base
FROM (
  SELECT
    s.rowid - (SELECT min(rowid) FROM import_stage_fx_rates) + $first_row AS row_no,
    import_text(s.date) AS date_text,
    import_date(s.date, $date_format) AS date,
    upper(import_text(s.currency)) AS currency,
    import_text(s.rate_to_base) AS rate_text,
    import_number_text(s.rate_to_base, $decimal_mark, false) AS rate_number,
    s.import_overflow AS overflow
  FROM import_stage_fx_rates s
  WHERE coalesce(nullif(s.date, ''), nullif(s.currency, ''), nullif(s.rate_to_base, ''), s.import_overflow) IS NOT NULL
) r;
