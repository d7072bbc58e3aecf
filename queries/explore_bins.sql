-- The explorer's views pre-binned in DuckDB, for views too large to send as columns: per view and
-- bin, the invoices passing every other view's part of the selection (a view never filters
-- itself) and their base amount, and all the bin's invoices and amount (drawn behind). Bins are
-- those explore_cells laid out: of the scatter, cells xb × $ny + the y measure's days bin; of the
-- histogram, db; of the months, their YYYY-MM; of the category views, their value ('~none' for none).
-- One scan: each invoice carries the bits of the views whose filters it fails (scatter 1, dbt 2,
-- month 4, segment 8, region 16, method 32, terms 64, tier 128); every view is grouped by bin and
-- those bits at once (grouping sets), and a bin then counts the groups failing no view but its own.
-- needs: explore_macro_book, explore_fill, explore_cells, explore_macro_selection
WITH s AS (
  SELECT amount, xb * $ny::INTEGER + CASE WHEN $y = 'days_beyond_terms' THEN yb_dbt ELSE yb_dtp END AS cell, db,
         invoice_month AS month, coalesce(segment, '~none') AS segment, coalesce(region, '~none') AS region,
         coalesce(method, '~none') AS method, terms, coalesce(tier, '~none') AS tier,
         (NOT coalesce(pass_scatter, false))::INTEGER + 2 * (NOT coalesce(pass_dbt, false))::INTEGER + 4 * (NOT coalesce(pass_month, false))::INTEGER
           + 8 * (NOT coalesce(pass_segment, false))::INTEGER + 16 * (NOT coalesce(pass_region, false))::INTEGER
           + 32 * (NOT coalesce(pass_method, false))::INTEGER + 64 * (NOT coalesce(pass_terms, false))::INTEGER
           + 128 * (NOT coalesce(pass_tier, false))::INTEGER AS fails
  FROM explore_selection($y, $amount_lo::DOUBLE, $amount_hi::DOUBLE, $ydays_lo::DOUBLE, $ydays_hi::DOUBLE, $dbt_lo::DOUBLE, $dbt_hi::DOUBLE,
    $month_first::DATE, $month_last::DATE, $pick_segment::VARCHAR[], $pick_region::VARCHAR[], $pick_method::VARCHAR[],
    $pick_terms::INTEGER[], $pick_tier::VARCHAR[])
),
g AS (
  SELECT CASE WHEN grouping(cell) = 0 THEN 'scatter' WHEN grouping(db) = 0 THEN 'dbt' WHEN grouping(month) = 0 THEN 'month'
              WHEN grouping(segment) = 0 THEN 'segment' WHEN grouping(region) = 0 THEN 'region' WHEN grouping(method) = 0 THEN 'method'
              WHEN grouping(terms) = 0 THEN 'terms' ELSE 'tier' END AS view,
         CASE WHEN grouping(cell) = 0 THEN 1 WHEN grouping(db) = 0 THEN 2 WHEN grouping(month) = 0 THEN 4 WHEN grouping(segment) = 0 THEN 8
              WHEN grouping(region) = 0 THEN 16 WHEN grouping(method) = 0 THEN 32 WHEN grouping(terms) = 0 THEN 64 ELSE 128 END AS own,
         coalesce(cell::VARCHAR, db::VARCHAR, strftime(month, '%Y-%m'), segment, region, method, terms::VARCHAR, tier) AS bin,
         fails, count(*) AS n, sum(amount) AS a
  FROM s
  GROUP BY GROUPING SETS ((cell, fails), (db, fails), (month, fails), (segment, fails), (region, fails), (method, fails), (terms, fails), (tier, fails))
)
SELECT view, bin,
       coalesce(sum(n) FILTER (WHERE fails & (255 - own) = 0), 0)::INTEGER AS count,
       coalesce(sum(a) FILTER (WHERE fails & (255 - own) = 0), 0)::DOUBLE AS amount,
       sum(n)::INTEGER AS total_count, sum(a)::DOUBLE AS total_amount
FROM g WHERE bin IS NOT NULL
GROUP BY view, bin
ORDER BY 1, 2;
