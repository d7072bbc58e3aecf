-- What is wrong with a money value, or NULL when nothing is: `txt` as written (trimmed, NULL
-- when empty), `num` the number it reads as (import_number_text), `val` that number as
-- DECIMAL(18,4) (NULL when too large), `what` the thing named in the sentence ("an invoice
-- amount"). Money is kept to the cent, so finer fractions are rejected rather than rounded.
CREATE OR REPLACE TEMP MACRO import_amount_problem(txt, num, val, what, required, zero_ok) AS
  CASE
    WHEN txt IS NULL THEN CASE WHEN required THEN format('the value is empty, but {} is required.', what) END
    WHEN num IS NULL THEN format('"{}" is not a number.', txt)
    WHEN val IS NULL THEN format('"{}" is too large for {}.', txt, what)
    WHEN val < 0 AND zero_ok THEN format('"{}" is negative, and {} cannot be.', txt, what)
    WHEN val < 0 THEN format('"{}" is negative, and {} must be greater than 0.', txt, what)
    WHEN val = 0 AND NOT zero_ok THEN format('"{}" is zero, and {} must be greater than 0.', txt, what)
    WHEN val <> round(val, 2) THEN format('"{}" has fractions of a cent; {} is kept to the cent.', txt, what)
  END;
