-- A calendar date from text: in the declared strftime `fmt` (e.g. '%m/%d/%Y') when one is given,
-- ISO (YYYY-MM-DD) always; NULL when it is neither (or empty). DuckDB's cast trims spaces itself.
CREATE OR REPLACE TEMP MACRO import_date(v, fmt) AS
  CASE
    WHEN fmt IS NULL THEN TRY_CAST(v AS DATE)
    ELSE coalesce(try_strptime(trim(v), fmt)::DATE, TRY_CAST(v AS DATE))
  END;
