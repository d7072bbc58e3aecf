-- The ranges the explorer's numeric views span for a scope (to lay out their bins): invoices,
-- smallest and largest base amount, and the extremes of days to pay and days beyond terms.
-- needs: explore_macro_book
SELECT count(*)::INTEGER AS invoices, min(amount)::DOUBLE AS amount_min, max(amount)::DOUBLE AS amount_max,
       min(days_to_pay) AS dtp_min, max(days_to_pay) AS dtp_max,
       min(days_beyond_terms) AS dbt_min, max(days_beyond_terms) AS dbt_max
FROM explore_book($as_of::DATE, $segment, $region, $currency, $tier_ids::VARCHAR[], $tier_names::VARCHAR[], $tier);
