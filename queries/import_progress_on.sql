-- Let the connection report how far a long statement has come (polled for a progress bar).
SET enable_progress_bar = true;
