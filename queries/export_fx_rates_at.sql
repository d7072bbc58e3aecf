-- The FX rates a report at D uses: for each currency of the book other than the base, the
-- latest rate dated on or before D (rate_on) and the date it carries; by currency.
WITH used AS (
  SELECT DISTINCT currency FROM customers WHERE currency <> base_currency()
  UNION SELECT DISTINCT currency FROM invoices WHERE currency <> base_currency()
)
SELECT u.currency,
       (SELECT arg_max(f.rate_to_base, f.date) FROM fx_rates f WHERE f.currency = u.currency AND f.date <= $as_of::DATE)::VARCHAR AS rate,
       (SELECT max(f.date) FROM fx_rates f WHERE f.currency = u.currency AND f.date <= $as_of::DATE)::VARCHAR AS rate_date
FROM used u
ORDER BY u.currency;
