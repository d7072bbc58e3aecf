-- Every rejection of the file being imported, in file order (the report's `errors`).
-- needs: import_errors_create
SELECT row_no::INTEGER AS "row", column_name AS "column", value, message
FROM import_errors
ORDER BY row_no, column_name, message;
