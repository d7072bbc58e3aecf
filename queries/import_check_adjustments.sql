-- Every rejection of the staged adjustments: empty or unreadable values, amounts not > 0,
-- kinds other than credit_note, write_off and discount, unknown invoices, adjustments dated
-- before their invoice, ids repeated in the file, and ids the database holds with other values.
-- needs: import_stage_adjustments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_adjustments, import_errors_create, import_macro_message, import_macro_amount_problem, import_macro_date_problem
INSERT INTO import_errors (row_no, column_name, value, message)
-- Not materialized: each check scans the typed table for the columns it reads (a copy of the
-- whole table first cost more than all the checks).
WITH t AS NOT MATERIALIZED (
  FROM import_typed_adjustments
),
first_rows AS (
  SELECT adjustment_id, min(row_no) AS first_row FROM t WHERE adjustment_id IS NOT NULL
  GROUP BY adjustment_id HAVING count(*) > 1
),
problems AS (
  SELECT row_no, 'adjustment_id' AS column_name, NULL AS value, 'the value is empty, but every adjustment needs an id.' AS problem
  FROM t WHERE adjustment_id IS NULL
  UNION ALL
  SELECT row_no, 'invoice_id', NULL, 'the value is empty, but every adjustment reduces an invoice.'
  FROM t WHERE invoice_id IS NULL
  UNION ALL
  SELECT row_no, 'invoice_id', invoice_id,
         format('invoice "{}" is not in the database; import the invoices file first.', invoice_id)
  FROM t WHERE invoice_id IS NOT NULL AND NOT invoice_known
  UNION ALL
  SELECT row_no, 'date', date_text, import_date_problem(date_text, date, 'the adjustment date', $date_label, true) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'date', date_text,
         format('the adjustment date {} is before the date {} of invoice "{}".', date::VARCHAR, invoice_date::VARCHAR, invoice_id)
  FROM t WHERE date < invoice_date
  UNION ALL
  SELECT row_no, 'amount', amount_text, import_amount_problem(amount_text, amount_number, amount, 'an adjustment amount', true, false) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'kind', NULL, 'the value is empty, but every adjustment needs a kind (credit_note, write_off or discount).'
  FROM t WHERE kind_text IS NULL
  UNION ALL
  SELECT row_no, 'kind', kind_text, format('"{}" is not a kind of adjustment (use credit_note, write_off or discount).', kind_text)
  FROM t WHERE kind_text IS NOT NULL AND kind IS NULL
  UNION ALL
  SELECT t.row_no, 'adjustment_id', t.adjustment_id,
         format('adjustment "{}" appears again (first on row {}); each adjustment must appear once.', t.adjustment_id, f.first_row)
  FROM t JOIN first_rows f ON f.adjustment_id = t.adjustment_id
  WHERE t.row_no > f.first_row
  UNION ALL
  SELECT t.row_no, 'adjustment_id', t.adjustment_id,
         format('adjustment "{}" is already in the database with different values ({}); correct the row or give it a new id.',
                t.adjustment_id,
                concat_ws('; ',
                  CASE WHEN a.invoice_id <> t.invoice_id THEN format('invoice "{}" there, "{}" here', a.invoice_id, t.invoice_id) END,
                  CASE WHEN a.date <> t.date THEN format('date {} there, {} here', a.date::VARCHAR, t.date::VARCHAR) END,
                  CASE WHEN a.amount <> t.amount THEN format('amount {} there, {} here', a.amount::VARCHAR, t.amount::DECIMAL(18,2)::VARCHAR) END,
                  CASE WHEN a.kind <> t.kind THEN format('kind {} there, {} here', a.kind, t.kind) END))
  FROM t JOIN adjustments a ON a.adjustment_id = t.adjustment_id
  WHERE a.invoice_id <> t.invoice_id OR a.date <> t.date OR a.amount <> t.amount OR a.kind <> t.kind
  UNION ALL
  SELECT row_no, $overflow_column, overflow,
         'the row has more values than the header has columns; a value holding the delimiter (such as 1,234.00) must be in quotes.'
  FROM t WHERE overflow IS NOT NULL
)
SELECT row_no, column_name, value, import_message($file_name, row_no, column_name, problem)
FROM problems;
