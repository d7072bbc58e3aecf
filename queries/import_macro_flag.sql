-- A yes/no value: true/false, yes/no, y/n, t/f, 1/0 in any case; empty is false; NULL when
-- the text is none of these (the row is then rejected). Canonical spellings take a fast path;
-- the others are looked up in a list (an IN list would be planned as a join over every row).
CREATE OR REPLACE TEMP MACRO import_flag(v) AS
  CASE
    WHEN v IS NULL OR v = 'false' THEN false
    WHEN v = 'true' THEN true
    ELSE [true, true, true, true, true, false, false, false, false, false, false][
           list_position(['true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0', ''], lower(trim(v)))]
  END;
