-- How many rows of the file being imported have at least one rejection.
-- needs: import_errors_create
SELECT count(DISTINCT row_no)::INTEGER AS rejected FROM import_errors;
