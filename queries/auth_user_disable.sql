-- Disables one login; returns its name when it existed (zero rows otherwise).
UPDATE users SET disabled = true WHERE name = $name RETURNING name;
