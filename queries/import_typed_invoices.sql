-- The staged invoices read: text trimmed (empty = NULL), dates and amounts parsed (NULL when
-- unreadable, kept beside the text for the error report), the currency defaulted to the
-- customer's, and whether the customer is known. Wholly empty records (blank spreadsheet
-- rows) are left out. $first_row is the file row of the first record (2: the header is row 1).
-- The staging table was filled by one insert in file order, so its rowids are consecutive
-- from its first record's (0 once committed; a transaction-local base inside a transaction).
-- needs: import_stage_invoices, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_invoices AS
SELECT r.*, TRY_CAST(r.amount_number AS DECIMAL(18,4)) AS amount
FROM (
  SELECT
    s.rowid - (SELECT min(rowid) FROM import_stage_invoices) + $first_row AS row_no,
    import_text(s.invoice_id) AS invoice_id,
    import_text(s.customer_id) AS customer_id,
    import_text(s.invoice_date) AS invoice_date_text,
    import_date(s.invoice_date, $date_format) AS invoice_date,
    import_text(s.due_date) AS due_date_text,
    import_date(s.due_date, $date_format) AS due_date,
    import_text(s.amount) AS amount_text,
    import_number_text(s.amount, $decimal_mark, true) AS amount_number,
    upper(import_text(s.currency)) AS currency_text,
    coalesce(upper(import_text(s.currency)), c.currency) AS currency,
    import_text(s.disputed) AS disputed_text,
    import_flag(s.disputed) AS disputed,
    c.customer_id IS NOT NULL AS customer_known,
    s.import_overflow AS overflow
  FROM import_stage_invoices s
  LEFT JOIN customers c ON c.customer_id = trim(s.customer_id)
  WHERE coalesce(nullif(s.invoice_id, ''), nullif(s.customer_id, ''), nullif(s.invoice_date, ''),
                   nullif(s.due_date, ''), nullif(s.amount, ''), nullif(s.currency, ''),
                   nullif(s.disputed, ''), s.import_overflow) IS NOT NULL
) r;
