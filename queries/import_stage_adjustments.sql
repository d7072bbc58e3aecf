-- The adjustments of one file as its text, before anything is read into numbers or dates: one
-- VARCHAR per canonical column (NULL when the file lacks it), and import_overflow: the first
-- value of a record beyond the header's columns (an unquoted delimiter in a value, say).
CREATE OR REPLACE TEMP TABLE import_stage_adjustments (
  adjustment_id VARCHAR,
  invoice_id VARCHAR,
  date VARCHAR,
  amount VARCHAR,
  kind VARCHAR,
  import_overflow VARCHAR
);
