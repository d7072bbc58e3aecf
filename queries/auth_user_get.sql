-- One login by name, with what is needed to check its password: zero or one row.
SELECT name, role, password_hash, password_salt, password_kdf, disabled
FROM users
WHERE name = $name;
