-- Forgets sessions past their absolute end or idle since before $idle_since.
DELETE FROM sessions WHERE expires <= $now::TIMESTAMP OR last_seen <= $idle_since::TIMESTAMP;
