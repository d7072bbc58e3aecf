-- A fresh import id, stamped on the import_log row and on every row the import writes.
SELECT nextval('import_id_seq')::INTEGER AS import_id;
