-- The schema version a database was made with (NULL when none is recorded), and whether it
-- holds Duesight tables at all.
SELECT
  (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'invoices')::INTEGER AS has_tables,
  (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'settings')::INTEGER AS has_settings;
