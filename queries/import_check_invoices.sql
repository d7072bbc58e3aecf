-- Every rejection of the staged invoices: empty or unreadable values, amounts not > 0, due
-- before invoice date, unknown customers (customers are imported first), unknown currency
-- codes and yes/no values, ids repeated in the file, and ids the database already holds with
-- different values (the same values are harmless: the row is skipped).
-- needs: import_stage_invoices, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_invoices, import_errors_create, import_macro_message, import_macro_amount_problem, import_macro_date_problem, import_macro_invoice_changes
INSERT INTO import_errors (row_no, column_name, value, message)
-- Not materialized: each check scans the typed table for the columns it reads (a copy of the
-- whole table first cost more than all the checks).
WITH t AS NOT MATERIALIZED (
  FROM import_typed_invoices
),
first_rows AS (
  SELECT invoice_id, min(row_no) AS first_row FROM t WHERE invoice_id IS NOT NULL
  GROUP BY invoice_id HAVING count(*) > 1
),
problems AS (
  SELECT row_no, 'invoice_id' AS column_name, NULL AS value, 'the value is empty, but every invoice needs an id.' AS problem
  FROM t WHERE invoice_id IS NULL
  UNION ALL
  SELECT row_no, 'customer_id', NULL, 'the value is empty, but every invoice needs a customer id.'
  FROM t WHERE customer_id IS NULL
  UNION ALL
  SELECT row_no, 'customer_id', customer_id,
         format('customer "{}" is not in the database; import the customers file first.', customer_id)
  FROM t WHERE customer_id IS NOT NULL AND NOT customer_known
  UNION ALL
  SELECT row_no, 'invoice_date', invoice_date_text, import_date_problem(invoice_date_text, invoice_date, 'the invoice date', $date_label, true) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'due_date', due_date_text, import_date_problem(due_date_text, due_date, 'the due date', $date_label, true) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'due_date', due_date_text,
         format('the due date {} is before the invoice date {}.', strftime(due_date, '%Y-%m-%d'), strftime(invoice_date, '%Y-%m-%d'))
  FROM t WHERE due_date < invoice_date
  UNION ALL
  SELECT row_no, 'amount', amount_text, import_amount_problem(amount_text, amount_number, amount, 'an invoice amount', true, false) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'currency', currency_text, format('"{}" is not a 3-letter currency code such as USD.', currency_text)
  FROM t WHERE currency_text IS NOT NULL AND NOT regexp_full_match(currency_text, '[A-Z]{3}')
  UNION ALL
  SELECT row_no, 'disputed', disputed_text,
         format('"{}" is not a yes/no value (use true/false, yes/no, y/n or 1/0).', disputed_text)
  FROM t WHERE disputed IS NULL
  UNION ALL
  SELECT t.row_no, 'invoice_id', t.invoice_id,
         format('invoice "{}" appears again (first on row {}); each invoice must appear once.', t.invoice_id, f.first_row)
  FROM t JOIN first_rows f ON f.invoice_id = t.invoice_id
  WHERE t.row_no > f.first_row
  UNION ALL
  SELECT t.row_no, 'invoice_id', t.invoice_id,
         format('invoice "{}" is already in the database with different values ({}); correct the row or give it a new id.',
                t.invoice_id, changes) AS problem
  FROM t JOIN invoices i ON i.invoice_id = t.invoice_id,
       LATERAL (SELECT import_invoice_changes(i.customer_id, t.customer_id, i.invoice_date, t.invoice_date, i.due_date, t.due_date,
                                              i.amount, t.amount, i.currency, t.currency, i.disputed, t.disputed) AS changes)
  WHERE changes <> ''
  UNION ALL
  SELECT row_no, $overflow_column, overflow,
         'the row has more values than the header has columns; a value holding the delimiter (such as 1,234.00) must be in quotes.'
  FROM t WHERE overflow IS NOT NULL
)
SELECT row_no, column_name, value, import_message($file_name, row_no, column_name, problem)
FROM problems;
