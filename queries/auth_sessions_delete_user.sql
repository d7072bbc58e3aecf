-- Ends every session of one user (when the login is disabled).
DELETE FROM sessions WHERE user_name = $user_name;
