-- The columns of the SQL console's tables ($tables), for its schema panel: per table, its
-- columns as "name TYPE" in table order.
SELECT table_name, list(column_name || ' ' || data_type ORDER BY column_index) AS columns
FROM duckdb_columns()
WHERE schema_name = 'main' AND list_contains($tables::VARCHAR[], table_name)
GROUP BY table_name
ORDER BY list_position($tables::VARCHAR[], table_name);
