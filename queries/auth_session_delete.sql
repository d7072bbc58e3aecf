-- Ends one session (logout, or the old session when a browser signs in again).
DELETE FROM sessions WHERE token_hash = $token_hash;
