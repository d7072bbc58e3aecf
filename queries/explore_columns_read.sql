-- The explorer's columns, one row per invoice of explore_invoices, for the Arrow stream (nothing
-- to bind, so it can be streamed chunk by chunk): coded columns as their explore_codes code (NULL
-- for a missing value), the amount in the base currency as DOUBLE (whole cents), dates as DATE,
-- day counts as INTEGER.
-- needs: explore_macro_book, explore_fill, explore_codes
SELECT i.invoice_id,
       cu.code AS customer,
       i.amount::DOUBLE AS amount,
       i.days_to_pay,
       i.days_beyond_terms,
       i.invoice_month,
       i.invoice_date,
       i.due_date,
       i.settle_date,
       i.terms,
       s.code::SMALLINT AS segment,
       r.code::SMALLINT AS region,
       m.code::SMALLINT AS method,
       c.code::SMALLINT AS currency,
       t.code::SMALLINT AS tier
FROM explore_invoices i
JOIN explore_codes cu ON cu.dim = 'customer' AND cu.value = i.customer_id
LEFT JOIN explore_codes s ON s.dim = 'segment' AND s.value = i.segment
LEFT JOIN explore_codes r ON r.dim = 'region' AND r.value = i.region
LEFT JOIN explore_codes m ON m.dim = 'method' AND m.value = i.method
LEFT JOIN explore_codes c ON c.dim = 'currency' AND c.value = i.currency
LEFT JOIN explore_codes t ON t.dim = 'tier' AND t.value = i.tier;
