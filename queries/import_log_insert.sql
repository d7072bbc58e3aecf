-- Record one import (written or rejected; dry runs are not recorded). Times are UTC.
INSERT INTO import_log (import_id, kind, file_name, sha256, rows, accepted, rejected, inserted, status,
                        user_name, started_at, finished_at)
VALUES ($import_id, $kind, $file_name, $sha256, $rows, $accepted, $rejected, $inserted, $status,
        $user_name, $started_at::TIMESTAMP, $finished_at::TIMESTAMP);
