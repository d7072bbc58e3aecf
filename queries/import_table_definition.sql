-- How table $table is declared: its CREATE statement as DuckDB keeps it, its primary-key
-- columns, every constraint as one sorted list of texts (to compare declarations), and how
-- many indexes or foreign keys of other tables depend on it.
SELECT t.sql,
       (SELECT any_value(c.constraint_column_names) FROM duckdb_constraints() c
        WHERE c.database_name = t.database_name AND c.schema_name = t.schema_name AND c.table_name = t.table_name
          AND c.constraint_type = 'PRIMARY KEY') AS key,
       (SELECT list_sort(list(c.constraint_type || ' ' || c.constraint_text || ' ' || coalesce(c.expression, '') || ' '
                              || array_to_string(c.constraint_column_names, ',')))
        FROM duckdb_constraints() c
        WHERE c.database_name = t.database_name AND c.schema_name = t.schema_name AND c.table_name = t.table_name) AS constraints,
       ((SELECT count(*) FROM duckdb_indexes() x WHERE x.database_name = t.database_name AND x.schema_name = t.schema_name AND x.table_name = t.table_name)
        + (SELECT count(*) FROM duckdb_constraints() c WHERE c.referenced_table = t.table_name AND c.table_name <> t.table_name))::INTEGER AS dependents
FROM duckdb_tables() t
WHERE t.database_name = current_database() AND t.schema_name = 'main' AND t.table_name = $table::VARCHAR;
