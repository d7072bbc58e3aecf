-- The first $limit records of the staged invoices exactly as the file holds them (text under the
-- canonical column names), each with its file row number: the import page's preview. Row
-- numbers are counted as import_typed_invoices counts them.
-- needs: import_stage_invoices
SELECT (rowid - (SELECT min(rowid) FROM import_stage_invoices) + $first_row)::INTEGER AS row_no,
       * EXCLUDE (import_overflow)
FROM import_stage_invoices
ORDER BY rowid
LIMIT $limit::INTEGER;
