-- How much a book already holds, so the demo does not overwrite real data unasked.
SELECT (SELECT count(*) FROM customers)::INTEGER AS customers,
       (SELECT count(*) FROM invoices)::INTEGER AS invoices,
       (SELECT count(*) FROM fx_rates)::INTEGER AS fx_rates;
