-- The staged adjustments read: text trimmed (empty = NULL), date and amount parsed, the kind
-- in canonical spelling ('Credit note' reads as credit_note; NULL when it is none of the three),
-- and what the database knows of the invoice. Wholly empty records are left out.
-- needs: import_stage_adjustments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag
CREATE OR REPLACE TEMP TABLE import_typed_adjustments AS
SELECT r.*, TRY_CAST(r.amount_number AS DECIMAL(18,4)) AS amount,
       CASE WHEN list_contains(['credit_note', 'write_off', 'discount'], regexp_replace(lower(r.kind_text), '[\s-]+', '_', 'g'))
            THEN regexp_replace(lower(r.kind_text), '[\s-]+', '_', 'g') END AS kind
FROM (
  SELECT
    s.rowid - (SELECT min(rowid) FROM import_stage_adjustments) + $first_row AS row_no,
    import_text(s.adjustment_id) AS adjustment_id,
    import_text(s.invoice_id) AS invoice_id,
    import_text(s.date) AS date_text,
    import_date(s.date, $date_format) AS date,
    import_text(s.amount) AS amount_text,
    import_number_text(s.amount, $decimal_mark, true) AS amount_number,
    import_text(s.kind) AS kind_text,
    i.invoice_id IS NOT NULL AS invoice_known,
    i.invoice_date AS invoice_date,
    s.import_overflow AS overflow
  FROM import_stage_adjustments s
  LEFT JOIN invoices i ON i.invoice_id = trim(s.invoice_id)
  WHERE coalesce(nullif(s.adjustment_id, ''), nullif(s.invoice_id, ''), nullif(s.date, ''),
                   nullif(s.amount, ''), nullif(s.kind, ''), s.import_overflow) IS NOT NULL
) r;
