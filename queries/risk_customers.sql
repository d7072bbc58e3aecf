-- The customers of a view with what a score row names besides its id: name, segment, region.
-- Read once per request, so that the factors of many dates (risk_factors_at_dates) carry no text.
-- needs: macros
SELECT customer_id, name, segment, region
FROM customers_in($segment, $region, $currency, $customer_id);
