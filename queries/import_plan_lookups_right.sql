-- Keep the right side of a LEFT JOIN as its hash table: the file's rows, staged in this
-- transaction, have no statistics yet, so DuckDB would otherwise hash the file (a million rows)
-- rather than the customers it looks up (import_plan_reset undoes this).
SET disabled_optimizers = 'build_side_probe_side';
