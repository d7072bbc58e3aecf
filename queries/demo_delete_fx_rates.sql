-- --replace: the demo brings its own rates.
DELETE FROM fx_rates;
