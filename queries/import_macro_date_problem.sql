-- What is wrong with a date, or NULL when nothing is: `txt` as written (trimmed, NULL when
-- empty), `val` the date it reads as (import_date), `what` the thing named ("the invoice
-- date"), `expected` how dates must be written (e.g. 'YYYY-MM-DD').
CREATE OR REPLACE TEMP MACRO import_date_problem(txt, val, what, expected, required) AS
  CASE
    WHEN txt IS NULL THEN CASE WHEN required THEN format('the value is empty, but {} is required.', what) END
    WHEN val IS NULL THEN format('"{}" is not a valid date (expected {}).', txt, expected)
  END;
