-- One row: the last entry of the audit log (its seq and hash; NULLs when the log is empty), beside
-- the head recorded in settings at the last append ('seq:hash'; NULL when none).
SELECT
  (SELECT max(seq) FROM audit_log)::INTEGER AS seq,
  (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
  (SELECT value FROM settings WHERE key = 'audit_head') AS recorded_head;
