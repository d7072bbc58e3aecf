-- Every login with its role, whether it is disabled and when it was created (UTC, ISO text), by name.
SELECT name, role, disabled, strftime(created, '%Y-%m-%dT%H:%M:%SZ') AS created,
       (SELECT count(*) FROM sessions s WHERE s.user_name = u.name AND s.expires > $now::TIMESTAMP)::INTEGER AS sessions
FROM users u
ORDER BY name;
