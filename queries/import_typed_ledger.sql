-- The staged ledger rows read, one invoice per row with its settlement on the same row. Dates
-- in the mapping's $date_format (or ISO); a missing due date is the invoice date plus the row's
-- terms, else the known customer's, else 30 days; the currency defaults to the known
-- customer's, then the mapping's $default_currency, then the base currency. `disputed` is true
-- for the mapping's $true_values (lower-cased) when $has_true_values, else a yes/no value.
-- The row's payment: paid_amount on paid_date when the file has that column ($has_paid_amount;
-- empty or 0 = none), else the whole amount on paid_date.
-- needs: import_stage_ledger, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_ledger AS
SELECT r.*,
       CASE WHEN r.due_date_text IS NULL THEN r.invoice_date + coalesce(r.terms, r.known_terms, 30)
            ELSE r.due_date_value END AS due_date,
       coalesce(r.currency_text, r.known_currency, $default_currency,
                (SELECT coalesce(max(value), 'USD') FROM settings WHERE key = 'base_currency')) AS currency,
       CASE WHEN r.paid_date IS NULL THEN NULL
            WHEN $has_paid_amount THEN CASE WHEN r.paid_amount > 0 THEN r.paid_amount END
            ELSE r.amount END AS payment_amount
FROM (
  SELECT q.*,
         TRY_CAST(q.amount_number AS DECIMAL(18,4)) AS amount,
         TRY_CAST(q.paid_amount_number AS DECIMAL(18,4)) AS paid_amount,
         TRY_CAST(q.credit_limit_number AS DECIMAL(18,4)) AS credit_limit,
         TRY_CAST(q.terms_text AS INTEGER) AS terms
  FROM (
    SELECT
      s.rowid - (SELECT min(rowid) FROM import_stage_ledger) + $first_row AS row_no,
      import_text(s.invoice_id) AS invoice_id,
      import_text(s.customer_id) AS customer_id,
      import_text(s.invoice_date) AS invoice_date_text,
      import_date(s.invoice_date, $date_format) AS invoice_date,
      import_text(s.due_date) AS due_date_text,
      import_date(s.due_date, $date_format) AS due_date_value,
      import_text(s.amount) AS amount_text,
      import_number_text(s.amount, $decimal_mark, true) AS amount_number,
      import_text(s.paid_date) AS paid_date_text,
      import_date(s.paid_date, $date_format) AS paid_date,
      import_text(s.paid_amount) AS paid_amount_text,
      import_number_text(s.paid_amount, $decimal_mark, true) AS paid_amount_number,
      upper(import_text(s.currency)) AS currency_text,
      import_text(s.disputed) AS disputed_text,
      CASE WHEN $has_true_values THEN coalesce(list_contains($true_values, lower(trim(s.disputed))), false)
           ELSE import_flag(s.disputed) END AS disputed,
      import_text(s.customer_name) AS customer_name,
      import_text(s.region) AS region,
      import_text(s.segment) AS segment,
      import_text(s.country) AS country,
      import_text(s.payment_terms_days) AS terms_text,
      import_text(s.credit_limit) AS credit_limit_text,
      import_number_text(s.credit_limit, $decimal_mark, true) AS credit_limit_number,
      import_text(s.method) AS method,
      c.customer_id IS NOT NULL AS customer_known,
      c.payment_terms_days AS known_terms,
      c.currency AS known_currency,
      s.import_overflow AS overflow
    FROM import_stage_ledger s
    LEFT JOIN customers c ON c.customer_id = trim(s.customer_id)
    WHERE coalesce(nullif(s.invoice_id, ''), nullif(s.customer_id, ''), nullif(s.invoice_date, ''),
                     nullif(s.due_date, ''), nullif(s.amount, ''), nullif(s.paid_date, ''),
                     nullif(s.paid_amount, ''), nullif(s.currency, ''), nullif(s.disputed, ''),
                     nullif(s.customer_name, ''), nullif(s.region, ''), nullif(s.segment, ''),
                     nullif(s.country, ''), nullif(s.payment_terms_days, ''),
                     nullif(s.credit_limit, ''), nullif(s.method, ''), s.import_overflow) IS NOT NULL
  ) q
) r;
