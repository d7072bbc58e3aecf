-- The user of a live session: not past its absolute end, used since $idle_since, its user not
-- disabled. Zero or one row; last_seen and expires as epoch milliseconds.
SELECT u.name, u.role, epoch_ms(s.last_seen)::DOUBLE AS last_seen_ms, epoch_ms(s.expires)::DOUBLE AS expires_ms
FROM sessions s
JOIN users u ON u.name = s.user_name
WHERE s.token_hash = $token_hash
  AND s.expires > $now::TIMESTAMP
  AND s.last_seen > $idle_since::TIMESTAMP
  AND NOT u.disabled;
