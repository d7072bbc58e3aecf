-- Opens a session: the SHA-256 of its token, its user, and when it ends at the latest (UTC).
INSERT INTO sessions (token_hash, user_name, created, last_seen, expires)
VALUES ($token_hash, $user_name, $now::TIMESTAMP, $now::TIMESTAMP, $expires::TIMESTAMP);
