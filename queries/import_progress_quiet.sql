-- Keep DuckDB from drawing its own progress bar: the caller draws one, on stderr only.
SET enable_progress_bar_print = false;
