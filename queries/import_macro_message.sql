-- The sentence a rejection is reported with: file, row and column first, then the problem.
CREATE OR REPLACE TEMP MACRO import_message(file_name, row_no, column_name, problem) AS
  format('{} row {}, column {}: {}', file_name, row_no, column_name, problem);
