-- The import id the demo's rows carry; its import_log row is written last, with the counts.
SELECT nextval('import_id_seq')::INTEGER AS import_id;
