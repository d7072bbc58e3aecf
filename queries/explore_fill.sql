-- Fills the temporary table explore_invoices with explore_book for the request's scope (one pass
-- over the book; the dictionaries and the columns are then read from it).
-- needs: explore_macro_book
CREATE OR REPLACE TEMP TABLE explore_invoices AS
FROM explore_book($as_of::DATE, $segment, $region, $currency, $tier_ids::VARCHAR[], $tier_names::VARCHAR[], $tier);
