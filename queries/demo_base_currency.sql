-- The demo book is kept in US dollars.
INSERT OR REPLACE INTO settings (key, value) VALUES ('base_currency', 'USD');
