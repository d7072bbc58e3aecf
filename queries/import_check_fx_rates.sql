-- Every rejection of the staged fx rates: unreadable dates, currencies that are not 3-letter
-- codes, rates that are not numbers > 0, a (date, currency) repeated in the file, and rates the
-- database already holds for that date and currency with a different value.
-- needs: import_stage_fx_rates, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_fx_rates, import_errors_create, import_macro_message, import_macro_amount_problem, import_macro_date_problem
INSERT INTO import_errors (row_no, column_name, value, message)
-- Not materialized: each check scans the typed table for the columns it reads (a copy of the
-- whole table first cost more than all the checks).
WITH t AS NOT MATERIALIZED (
  FROM import_typed_fx_rates
),
first_rows AS (
  SELECT date, currency, min(row_no) AS first_row FROM t WHERE date IS NOT NULL AND currency IS NOT NULL
  GROUP BY date, currency HAVING count(*) > 1
),
problems AS (
  SELECT row_no, 'date' AS column_name, date_text AS value, import_date_problem(date_text, date, 'the date', $date_label, true) AS problem
  FROM t WHERE problem IS NOT NULL
  UNION ALL
  SELECT row_no, 'currency', NULL, 'the value is empty, but every rate needs a currency.'
  FROM t WHERE currency IS NULL
  UNION ALL
  SELECT row_no, 'currency', currency, format('"{}" is not a 3-letter currency code such as EUR.', currency)
  FROM t WHERE currency IS NOT NULL AND NOT regexp_full_match(currency, '[A-Z]{3}')
  UNION ALL
  SELECT row_no, 'rate_to_base', rate_text,
         CASE WHEN rate_text IS NULL THEN 'the value is empty, but every rate needs a value.'
              WHEN rate_number IS NULL THEN format('"{}" is not a number.', rate_text)
              WHEN rate_to_base IS NULL THEN format('"{}" is too large for a rate.', rate_text)
              WHEN rate_to_base <= 0 THEN format('"{}" is not greater than 0, and a rate must be.', rate_text)
         END AS p
  FROM t WHERE p IS NOT NULL
  UNION ALL
  SELECT t.row_no, 'currency', t.currency,
         format('the rate of {} on {} appears again (first on row {}); each date and currency must appear once.',
                t.currency, t.date::VARCHAR, f.first_row)
  FROM t JOIN first_rows f ON f.date = t.date AND f.currency = t.currency
  WHERE t.row_no > f.first_row
  UNION ALL
  SELECT t.row_no, 'rate_to_base', t.rate_text,
         format('the database already holds a rate of {} for {} on {}; correct the row or leave it out.',
                x.rate_to_base::VARCHAR, t.currency, t.date::VARCHAR)
  FROM t JOIN fx_rates x ON x.date = t.date AND x.currency = t.currency
  WHERE x.rate_to_base <> t.rate_to_base
  UNION ALL
  SELECT row_no, $overflow_column, overflow,
         'the row has more values than the header has columns; a value holding the delimiter (such as 1,234.00) must be in quotes.'
  FROM t WHERE overflow IS NOT NULL
)
SELECT row_no, column_name, value, import_message($file_name, row_no, column_name, problem)
FROM problems;
