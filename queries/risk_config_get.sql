-- The JSON text of the risk configuration setting (one row; value NULL when it is not set).
SELECT (SELECT value FROM settings WHERE key = $key::VARCHAR) AS value;
