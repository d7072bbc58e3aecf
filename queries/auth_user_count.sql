-- How many logins exist (disabled ones included).
SELECT count(*)::INTEGER AS users FROM users;
