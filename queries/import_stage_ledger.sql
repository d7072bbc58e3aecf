-- The ledger rows of one file as its text, before anything is read into numbers or dates: one
-- VARCHAR per canonical column (NULL when the file lacks it), and import_overflow: the first
-- value of a record beyond the header's columns (an unquoted delimiter in a value, say).
CREATE OR REPLACE TEMP TABLE import_stage_ledger (
  invoice_id VARCHAR,
  customer_id VARCHAR,
  invoice_date VARCHAR,
  due_date VARCHAR,
  amount VARCHAR,
  paid_date VARCHAR,
  paid_amount VARCHAR,
  currency VARCHAR,
  disputed VARCHAR,
  customer_name VARCHAR,
  region VARCHAR,
  segment VARCHAR,
  country VARCHAR,
  payment_terms_days VARCHAR,
  credit_limit VARCHAR,
  method VARCHAR,
  import_overflow VARCHAR
);
