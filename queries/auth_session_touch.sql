-- Marks a session as used now (for the idle timeout).
UPDATE sessions SET last_seen = $now::TIMESTAMP WHERE token_hash = $token_hash;
