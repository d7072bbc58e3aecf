-- Replaces the temporary table explore_invoices with the same rows and each invoice's bin in the
-- explorer's numeric views, laid out once per scope for the server-side bins: xb, the amount's
-- bin on $x_edges (log, uneven: found by an ASOF join); yb_dtp and yb_dbt, the scatter's days bin
-- of days to pay and of days beyond terms, and db, the histogram's bin of days beyond terms, on
-- edges of equal width (first edge and width given); NULL outside the edges or while open.
-- needs: explore_macro_book, explore_fill
CREATE OR REPLACE TEMP TABLE explore_invoices AS
WITH x AS (
  SELECT unnest($x_edges::DOUBLE[]) AS edge, (generate_subscripts($x_edges::DOUBLE[], 1) - 1)::INTEGER AS bin
)
SELECT i.*,
       CASE WHEN x.bin < len($x_edges::DOUBLE[]) - 1 THEN x.bin END AS xb,
       CASE WHEN (i.days_to_pay - $dtp_first::INTEGER) // $dtp_step::INTEGER BETWEEN 0 AND $dtp_bins::INTEGER - 1
            THEN ((i.days_to_pay - $dtp_first::INTEGER) // $dtp_step::INTEGER)::INTEGER END AS yb_dtp,
       CASE WHEN (i.days_beyond_terms - $ydbt_first::INTEGER) // $ydbt_step::INTEGER BETWEEN 0 AND $ydbt_bins::INTEGER - 1
            THEN ((i.days_beyond_terms - $ydbt_first::INTEGER) // $ydbt_step::INTEGER)::INTEGER END AS yb_dbt,
       CASE WHEN (i.days_beyond_terms - $dbt_first::INTEGER) // $dbt_step::INTEGER BETWEEN 0 AND $dbt_bins::INTEGER - 1
            THEN ((i.days_beyond_terms - $dbt_first::INTEGER) // $dbt_step::INTEGER)::INTEGER END AS db
FROM explore_invoices i
ASOF LEFT JOIN x ON i.amount::DOUBLE >= x.edge;
