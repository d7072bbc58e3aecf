-- The dictionaries of explore_codes, each value list in code order, the number of invoices of
-- explore_invoices and the first FX rate found missing there (currency and date), if any.
-- needs: explore_macro_book, explore_fill, explore_codes
WITH dicts AS (
  SELECT dim, list(value ORDER BY code) AS values FROM explore_codes GROUP BY dim
)
SELECT (SELECT count(*) FROM explore_invoices)::INTEGER AS invoices,
       coalesce((SELECT values FROM dicts WHERE dim = 'customer'), []) AS customers,
       coalesce((SELECT values FROM dicts WHERE dim = 'segment'), []) AS segments,
       coalesce((SELECT values FROM dicts WHERE dim = 'region'), []) AS regions,
       coalesce((SELECT values FROM dicts WHERE dim = 'method'), []) AS methods,
       coalesce((SELECT values FROM dicts WHERE dim = 'currency'), []) AS currencies,
       coalesce((SELECT values FROM dicts WHERE dim = 'tier'), []) AS tiers,
       (SELECT min(currency || ' on ' || invoice_date) FROM explore_invoices WHERE amount IS NULL) AS missing_rate;
