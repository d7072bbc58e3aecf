-- Let DuckDB choose the hash side of every join again (after import_plan_lookups_right).
RESET disabled_optimizers;
