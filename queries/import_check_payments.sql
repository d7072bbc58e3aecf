-- Every rejection of the staged payments: empty or unreadable values, amounts not > 0,
-- unknown customers or invoices, payments dated before their invoice or from another customer
-- than the invoice's, ids repeated in the file, and ids the database already holds with
-- different values. A payment larger than what is open stays as it is (a credit balance).
-- needs: import_stage_payments, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_payments, import_errors_create, import_macro_message, import_macro_amount_problem, import_macro_date_problem
INSERT INTO import_errors (row_no, column_name, value, message)
-- Not materialized: each check scans the typed table for the columns it reads (a copy of the
-- whole table first cost more than all the checks).
WITH t AS NOT MATERIALIZED (
  FROM import_typed_payments
),
first_rows AS (
  SELECT payment_id, min(row_no) AS first_row FROM t WHERE payment_id IS NOT NULL
  GROUP BY payment_id HAVING count(*) > 1
),
problems AS (
  SELECT row_no, 'payment_id' AS column_name, NULL AS value, 'the value is empty, but every payment needs an id.' AS problem
  FROM t WHERE payment_id IS NULL
  UNION ALL
  SELECT row_no, 'customer_id', NULL, 'the value is empty, but every payment needs a customer id.'
  FROM t WHERE customer_id IS NULL
  UNION ALL
  SELECT row_no, 'customer_id', customer_id,
         format('customer "{}" is not in the database; import the customers file first.', customer_id)
  FROM t WHERE customer_id IS NOT NULL AND NOT customer_known
  UNION ALL
  SELECT row_no, 'invoice_id', invoice_id,
         format('invoice "{}" is not in the database; import the invoices file first (leave the invoice id empty for unapplied cash).', invoice_id)
  FROM t WHERE invoice_id IS NOT NULL AND NOT invoice_known
  UNION ALL
  SELECT row_no, 'customer_id', customer_id,
         format('invoice "{}" belongs to customer "{}", not to "{}".', invoice_id, invoice_customer_id, customer_id)
  FROM t WHERE invoice_known AND customer_id IS NOT NULL AND invoice_customer_id <> customer_id
  UNION ALL
  SELECT row_no, 'payment_date', payment_date_text,
         import_date_problem(payment_date_text, payment_date, 'the payment date', $date_label, true) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT row_no, 'payment_date', payment_date_text,
         format('the payment date {} is before the date {} of invoice "{}".', payment_date::VARCHAR, invoice_date::VARCHAR, invoice_id)
  FROM t WHERE payment_date < invoice_date
  UNION ALL
  SELECT row_no, 'amount', amount_text, import_amount_problem(amount_text, amount_number, amount, 'a payment amount', true, false) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT t.row_no, 'payment_id', t.payment_id,
         format('payment "{}" appears again (first on row {}); each payment must appear once.', t.payment_id, f.first_row)
  FROM t JOIN first_rows f ON f.payment_id = t.payment_id
  WHERE t.row_no > f.first_row
  UNION ALL
  SELECT t.row_no, 'payment_id', t.payment_id,
         format('payment "{}" is already in the database with different values ({}); correct the row or give it a new id.',
                t.payment_id,
                concat_ws('; ',
                  CASE WHEN p.customer_id <> t.customer_id THEN format('customer {} there, {} here', p.customer_id, t.customer_id) END,
                  CASE WHEN p.invoice_id IS DISTINCT FROM t.invoice_id THEN format('invoice "{}" there, "{}" here', coalesce(p.invoice_id, ''), coalesce(t.invoice_id, '')) END,
                  CASE WHEN p.payment_date <> t.payment_date THEN format('date {} there, {} here', p.payment_date::VARCHAR, t.payment_date::VARCHAR) END,
                  CASE WHEN p.amount <> t.amount THEN format('amount {} there, {} here', p.amount::VARCHAR, t.amount::DECIMAL(18,2)::VARCHAR) END,
                  CASE WHEN p.method IS DISTINCT FROM t.method THEN format('method "{}" there, "{}" here', coalesce(p.method, ''), coalesce(t.method, '')) END))
  FROM t JOIN payments p ON p.payment_id = t.payment_id
  WHERE p.customer_id <> t.customer_id OR p.invoice_id IS DISTINCT FROM t.invoice_id OR p.payment_date <> t.payment_date
     OR p.amount <> t.amount OR p.method IS DISTINCT FROM t.method
  UNION ALL
  SELECT row_no, $overflow_column, overflow,
         'the row has more values than the header has columns; a value holding the delimiter (such as 1,234.00) must be in quotes.'
  FROM t WHERE overflow IS NOT NULL
)
SELECT row_no, column_name, value, import_message($file_name, row_no, column_name, problem)
FROM problems;
