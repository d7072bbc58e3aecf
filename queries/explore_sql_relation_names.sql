-- The names of every table and view of every attached database and schema, lower-cased (the SQL
-- console refuses a CTE that would shadow one of them).
SELECT coalesce(list(DISTINCT lower(name)), []) AS names
FROM (SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views());
