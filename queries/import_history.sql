-- One page of the import log, newest first: each file imported or rejected (dry runs are not
-- logged) with its SHA-256, kind, counts, status, who and when (UTC, ISO text).
SELECT import_id, kind, file_name, sha256, rows, accepted, rejected, inserted, status, user_name,
       strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
       strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at,
       (epoch_ms(finished_at) - epoch_ms(started_at))::INTEGER AS duration_ms
FROM import_log
ORDER BY import_id DESC
LIMIT $limit::INTEGER OFFSET $offset::INTEGER;
