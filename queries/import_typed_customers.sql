-- The staged customers read: text trimmed (empty = NULL), currency defaulted to the base
-- currency (settings 'base_currency', else USD), terms to 30 days, the credit limit parsed
-- (NULL = no limit). Wholly empty records are left out. $first_row as for invoices.
-- needs: import_stage_customers, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_customers AS
SELECT r.*,
       coalesce(r.currency_text, (SELECT coalesce(max(value), 'USD') FROM settings WHERE key = 'base_currency')) AS currency,
       CASE WHEN r.terms_text IS NULL THEN 30 ELSE TRY_CAST(r.terms_text AS INTEGER) END AS payment_terms_days,
       TRY_CAST(r.credit_limit_number AS DECIMAL(18,4)) AS credit_limit
FROM (
  SELECT
    s.rowid - (SELECT min(rowid) FROM import_stage_customers) + $first_row AS row_no,
    import_text(s.customer_id) AS customer_id,
    import_text(s.name) AS name,
    import_text(s.segment) AS segment,
    import_text(s.region) AS region,
    import_text(s.country) AS country,
    upper(import_text(s.currency)) AS currency_text,
    import_text(s.payment_terms_days) AS terms_text,
    import_text(s.credit_limit) AS credit_limit_text,
    import_number_text(s.credit_limit, $decimal_mark, true) AS credit_limit_number,
    s.import_overflow AS overflow
  FROM import_stage_customers s
  WHERE coalesce(nullif(s.customer_id, ''), nullif(s.name, ''), nullif(s.segment, ''),
                   nullif(s.region, ''), nullif(s.country, ''), nullif(s.currency, ''),
                   nullif(s.payment_terms_days, ''), nullif(s.credit_limit, ''), s.import_overflow) IS NOT NULL
) r;
