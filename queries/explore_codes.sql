-- Fills the temporary table explore_codes with the dictionary of each coded column of
-- explore_invoices (customer, segment, region, method, currency, tier): its values, each with
-- its 0-based code; values sorted, tiers in the order of $tier_order. NULLs get no code.
-- needs: explore_macro_book, explore_fill
CREATE OR REPLACE TEMP TABLE explore_codes AS
WITH dims AS (
  SELECT DISTINCT 'customer' AS dim, customer_id AS value FROM explore_invoices
  UNION ALL SELECT DISTINCT 'segment', segment FROM explore_invoices
  UNION ALL SELECT DISTINCT 'region', region FROM explore_invoices
  UNION ALL SELECT DISTINCT 'method', method FROM explore_invoices
  UNION ALL SELECT DISTINCT 'currency', currency FROM explore_invoices
  UNION ALL SELECT DISTINCT 'tier', tier FROM explore_invoices
)
SELECT dim, value,
       (row_number() OVER (PARTITION BY dim ORDER BY CASE WHEN dim = 'tier' THEN list_position($tier_order::VARCHAR[], value) END, value) - 1)::INTEGER AS code
FROM dims
WHERE value IS NOT NULL;
