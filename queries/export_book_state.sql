-- What a report's manifest records about the database behind it: the highest import id
-- (import_log), the base currency and DuckDB's version.
SELECT (SELECT max(import_id) FROM import_log)::INTEGER AS max_import_id,
       base_currency() AS base_currency,
       version() AS duckdb_version;
