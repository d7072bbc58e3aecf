-- The explorer's views pre-binned in DuckDB, for views too large to send as columns: per view and
-- bin, the invoices passing every other view's part of the selection (a view never filters
-- itself) and their base amount; bins of the scatter are cells (amount bin × $ny + days bin, on
-- the edges $x_edges and $y_edges), of the histogram bins on $dbt_edges, of the months their
-- YYYY-MM, of the category views their value ('~none' for none). A last row, view 'summary',
-- counts the whole selection and its amount.
-- needs: explore_macro_book, explore_macro_selection
WITH s AS MATERIALIZED (
  SELECT amount, days_to_pay, days_beyond_terms, y_days,
         len(list_filter($x_edges::DOUBLE[], e -> e <= amount::DOUBLE)) - 1 AS xb,
         len(list_filter($y_edges::DOUBLE[], e -> e <= y_days)) - 1 AS yb,
         len(list_filter($dbt_edges::DOUBLE[], e -> e <= days_beyond_terms)) - 1 AS db,
         strftime(invoice_month, '%Y-%m') AS month, coalesce(segment, '~none') AS segment, coalesce(region, '~none') AS region,
         coalesce(method, '~none') AS method, terms::VARCHAR AS terms, coalesce(tier, '~none') AS tier,
         pass_scatter, pass_dbt, pass_month, pass_segment, pass_region, pass_method, pass_terms, pass_tier
  FROM explore_selection($as_of::DATE, $segment, $region, $currency, $tier_ids::VARCHAR[], $tier_names::VARCHAR[], $tier, $y,
    $amount_lo::DOUBLE, $amount_hi::DOUBLE, $ydays_lo::DOUBLE, $ydays_hi::DOUBLE, $dbt_lo::DOUBLE, $dbt_hi::DOUBLE,
    $month_first::DATE, $month_last::DATE, $pick_segment::VARCHAR[], $pick_region::VARCHAR[], $pick_method::VARCHAR[],
    $pick_terms::INTEGER[], $pick_tier::VARCHAR[])
)
SELECT 'scatter' AS view, (xb * $ny::INTEGER + yb)::VARCHAR AS bin, count(*)::INTEGER AS count, sum(amount)::DOUBLE AS amount
FROM s WHERE y_days IS NOT NULL AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'dbt', db::VARCHAR, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE days_beyond_terms IS NOT NULL AND pass_scatter AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'month', month, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'segment', segment, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_region AND pass_method AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'region', region, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_method AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'method', method, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_terms AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'terms', terms, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_tier GROUP BY ALL
UNION ALL
SELECT 'tier', tier, count(*)::INTEGER, sum(amount)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms GROUP BY ALL
UNION ALL
SELECT 'summary', 'all', count(*)::INTEGER, coalesce(sum(amount), 0)::DOUBLE
FROM s WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier
ORDER BY 1, 2;
