-- How many imports the log holds (for the history's pages).
SELECT count(*)::INTEGER AS imports FROM import_log;
