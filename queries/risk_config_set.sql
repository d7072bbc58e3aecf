-- Stores the JSON text of the risk configuration setting (returns nothing).
INSERT OR REPLACE INTO settings (key, value) VALUES ($key::VARCHAR, $value::VARCHAR);
