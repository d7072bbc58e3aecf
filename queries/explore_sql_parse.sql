-- The parse tree of the SQL console's text $sql as JSON text (json_serialize_sql): only SELECT
-- statements serialise, and nothing is bound or run; an error object says why it could not.
SELECT json_serialize_sql($sql::VARCHAR) AS tree;
