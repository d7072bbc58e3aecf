-- Every rejection of the staged customers: empty ids or names, unknown currency codes, terms
-- that are not a whole number of days >= 0, unreadable or negative credit limits, ids repeated
-- in the file, and ids the database already holds with different values.
-- needs: import_stage_customers, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_customers, import_errors_create, import_macro_message, import_macro_amount_problem, import_macro_date_problem
INSERT INTO import_errors (row_no, column_name, value, message)
-- Not materialized: each check scans the typed table for the columns it reads (a copy of the
-- whole table first cost more than all the checks).
WITH t AS NOT MATERIALIZED (
  FROM import_typed_customers
),
first_rows AS (
  SELECT customer_id, min(row_no) AS first_row FROM t WHERE customer_id IS NOT NULL
  GROUP BY customer_id HAVING count(*) > 1
),
problems AS (
  SELECT row_no, 'customer_id' AS column_name, NULL AS value, 'the value is empty, but every customer needs an id.' AS problem
  FROM t WHERE customer_id IS NULL
  UNION ALL
  SELECT row_no, 'name', NULL, 'the value is empty, but every customer needs a name.'
  FROM t WHERE name IS NULL
  UNION ALL
  SELECT row_no, 'currency', currency_text, format('"{}" is not a 3-letter currency code such as USD.', currency_text)
  FROM t WHERE currency_text IS NOT NULL AND NOT regexp_full_match(currency_text, '[A-Z]{3}')
  UNION ALL
  SELECT row_no, 'payment_terms_days', terms_text,
         format('"{}" is not a whole number of days of 0 or more.', terms_text)
  FROM t WHERE terms_text IS NOT NULL AND coalesce(payment_terms_days < 0, true)
  UNION ALL
  SELECT row_no, 'credit_limit', credit_limit_text,
         import_amount_problem(credit_limit_text, credit_limit_number, credit_limit, 'a credit limit', false, true) AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT t.row_no, 'customer_id', t.customer_id,
         format('customer "{}" appears again (first on row {}); each customer must appear once.', t.customer_id, f.first_row)
  FROM t JOIN first_rows f ON f.customer_id = t.customer_id
  WHERE t.row_no > f.first_row
  UNION ALL
  SELECT t.row_no, 'customer_id', t.customer_id,
         format('customer "{}" is already in the database with different values ({}); correct the row or give it a new id.',
                t.customer_id,
                concat_ws('; ',
                  CASE WHEN c.name IS DISTINCT FROM t.name THEN format('name "{}" there, "{}" here', c.name, t.name) END,
                  CASE WHEN c.segment IS DISTINCT FROM t.segment THEN format('segment "{}" there, "{}" here', coalesce(c.segment, ''), coalesce(t.segment, '')) END,
                  CASE WHEN c.region IS DISTINCT FROM t.region THEN format('region "{}" there, "{}" here', coalesce(c.region, ''), coalesce(t.region, '')) END,
                  CASE WHEN c.country IS DISTINCT FROM t.country THEN format('country "{}" there, "{}" here', coalesce(c.country, ''), coalesce(t.country, '')) END,
                  CASE WHEN c.currency IS DISTINCT FROM t.currency THEN format('currency {} there, {} here', c.currency, t.currency) END,
                  CASE WHEN c.payment_terms_days IS DISTINCT FROM t.payment_terms_days THEN format('terms {} there, {} here', c.payment_terms_days::VARCHAR, coalesce(t.payment_terms_days::VARCHAR, '?')) END,
                  CASE WHEN c.credit_limit IS DISTINCT FROM t.credit_limit THEN format('credit limit {} there, {} here', coalesce(c.credit_limit::VARCHAR, 'none'), coalesce(t.credit_limit::DECIMAL(18,2)::VARCHAR, 'none')) END))
  FROM t JOIN customers c ON c.customer_id = t.customer_id
  -- Rows with an unreadable value are reported for it alone, not compared.
  WHERE t.name IS NOT NULL AND t.payment_terms_days IS NOT NULL AND (t.credit_limit_text IS NULL OR t.credit_limit IS NOT NULL)
    AND (c.name IS DISTINCT FROM t.name OR c.segment IS DISTINCT FROM t.segment OR c.region IS DISTINCT FROM t.region
     OR c.country IS DISTINCT FROM t.country OR c.currency IS DISTINCT FROM t.currency
     OR c.payment_terms_days IS DISTINCT FROM t.payment_terms_days OR c.credit_limit IS DISTINCT FROM t.credit_limit)
  UNION ALL
  SELECT row_no, $overflow_column, overflow,
         'the row has more values than the header has columns; a value holding the delimiter (such as 1,234.00) must be in quotes.'
  FROM t WHERE overflow IS NOT NULL
)
SELECT row_no, column_name, value, import_message($file_name, row_no, column_name, problem)
FROM problems;
