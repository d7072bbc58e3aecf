-- Audit entries after seq $after_seq, oldest first, at most $limit of them; `at` as ISO UTC text
-- with milliseconds (the form the hash covers).
SELECT seq::INTEGER AS seq, strftime(at_utc, '%Y-%m-%dT%H:%M:%S.%gZ') AS "at", actor, role, via, action, target,
       params, outcome, detail, prev_hash, hash
FROM audit_log
WHERE seq > $after_seq::BIGINT
ORDER BY seq
LIMIT $limit::INTEGER;
