-- Records the newest entry of the audit log ('seq:hash'), so that cutting entries off the end shows.
INSERT OR REPLACE INTO settings (key, value) VALUES ('audit_head', $head);
