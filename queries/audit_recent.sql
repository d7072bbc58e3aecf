-- Audit entries numbered at most $before_seq, newest first, at most $limit of them (a page of the
-- log; pass a very large $before_seq for the newest). `at` as ISO UTC text with milliseconds.
SELECT seq::INTEGER AS seq, strftime(at_utc, '%Y-%m-%dT%H:%M:%S.%gZ') AS "at", actor, role, via, action, target,
       params, outcome, detail, prev_hash, hash
FROM audit_log
WHERE seq <= $before_seq::BIGINT
ORDER BY seq DESC
LIMIT $limit::INTEGER;
