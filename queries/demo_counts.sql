-- What the demo generated, for its summary and its import_log row.
SELECT (SELECT count(*) FROM customers)::INTEGER AS customers,
       (SELECT count(*) FROM invoices)::INTEGER AS invoices,
       (SELECT count(*) FROM payments)::INTEGER AS payments,
       (SELECT count(*) FROM adjustments)::INTEGER AS adjustments,
       (SELECT count(*) FROM fx_rates)::INTEGER AS fx_rates,
       (SELECT count(*) FROM demo_profiles)::INTEGER AS profiles,
       strftime(($end::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE, '%Y-%m-%d') AS start,
       strftime($end::DATE, '%Y-%m-%d') AS end;
