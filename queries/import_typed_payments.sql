-- The staged payments read: text trimmed (empty = NULL; an empty invoice id is unapplied
-- cash), the date and amount parsed, and what the database knows of the customer and of the
-- invoice paid. Wholly empty records are left out. $first_row as for invoices.
-- needs: import_stage_payments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_payments AS
SELECT r.*, TRY_CAST(r.amount_number AS DECIMAL(18,4)) AS amount
FROM (
  SELECT
    s.rowid - (SELECT min(rowid) FROM import_stage_payments) + $first_row AS row_no,
    import_text(s.payment_id) AS payment_id,
    import_text(s.customer_id) AS customer_id,
    import_text(s.invoice_id) AS invoice_id,
    import_text(s.payment_date) AS payment_date_text,
    import_date(s.payment_date, $date_format) AS payment_date,
    import_text(s.amount) AS amount_text,
    import_number_text(s.amount, $decimal_mark, true) AS amount_number,
    import_text(s.method) AS method,
    c.customer_id IS NOT NULL AS customer_known,
    i.invoice_id IS NOT NULL AS invoice_known,
    i.customer_id AS invoice_customer_id,
    i.invoice_date AS invoice_date,
    s.import_overflow AS overflow
  FROM import_stage_payments s
  LEFT JOIN customers c ON c.customer_id = trim(s.customer_id)
  LEFT JOIN invoices i ON i.invoice_id = trim(s.invoice_id)
  WHERE coalesce(nullif(s.payment_id, ''), nullif(s.customer_id, ''), nullif(s.invoice_id, ''),
                   nullif(s.payment_date, ''), nullif(s.amount, ''),
                   nullif(s.method, ''), s.import_overflow) IS NOT NULL
) r;
