-- The fx rates of one file as its text, before anything is read into numbers or dates: one
-- VARCHAR per canonical column (NULL when the file lacks it), and import_overflow: the first
-- value of a record beyond the header's columns (an unquoted delimiter in a value, say).
CREATE OR REPLACE TEMP TABLE import_stage_fx_rates (
  date VARCHAR,
  currency VARCHAR,
  rate_to_base VARCHAR,
  import_overflow VARCHAR
);
