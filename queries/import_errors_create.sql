-- The rejections of the file being imported: the file's row (header = 1), the column, the
-- value as written, and a sentence saying what is wrong. A row listed here is never written.
CREATE OR REPLACE TEMP TABLE import_errors (
  row_no      BIGINT NOT NULL,
  column_name VARCHAR NOT NULL,
  value       VARCHAR,
  message     VARCHAR NOT NULL
);
