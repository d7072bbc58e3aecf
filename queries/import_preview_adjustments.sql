-- The first $limit records of the staged adjustments exactly as the file holds them (text under the
-- canonical column names), each with its file row number: the import page's preview. Row
-- numbers are counted as import_typed_adjustments counts them.
-- needs: import_stage_adjustments
SELECT (rowid - (SELECT min(rowid) FROM import_stage_adjustments) + $first_row)::INTEGER AS row_no,
       * EXCLUDE (import_overflow)
FROM import_stage_adjustments
ORDER BY rowid
LIMIT $limit::INTEGER;
