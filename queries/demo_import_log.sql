-- The demo's entry in the import log: what was asked for (file_name, sha256) and what it wrote.
INSERT INTO import_log (import_id, kind, file_name, sha256, rows, accepted, rejected, inserted, status, user_name, started_at, finished_at)
VALUES ($import_id::INTEGER, 'demo', $file_name, $sha256, $rows::INTEGER, $rows::INTEGER, 0, $rows::INTEGER,
        'imported', NULL, $started_at::TIMESTAMP, $finished_at::TIMESTAMP);
