-- Creates one login (the name must be new); the password arrives already hashed.
INSERT INTO users (name, role, password_hash, password_salt, password_kdf, disabled, created)
VALUES ($name, $role, $password_hash, $password_salt, $password_kdf, false, $created::TIMESTAMP);
