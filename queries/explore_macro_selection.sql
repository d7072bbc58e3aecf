-- The explorer's invoices (the temporary table explore_invoices, filled by explore_fill) with,
-- for each view of the Explore page, whether the invoice passes that view's part of the selection
-- (a NULL bound passes everything): the scatter (amount and the y measure's days in [lo, hi); only
-- settled invoices have days), the days-beyond-terms histogram, the month range (both ends
-- included) and each category view's picked values ('~none' picks a missing value).
-- needs: explore_macro_book, explore_fill
CREATE OR REPLACE TEMP MACRO explore_selection(y, amount_lo, amount_hi, ydays_lo, ydays_hi, dbt_lo, dbt_hi, month_first, month_last,
    segments, regions, methods, terms_days, tiers) AS TABLE
  WITH book AS (
    SELECT *, CASE WHEN y = 'days_beyond_terms' THEN days_beyond_terms ELSE days_to_pay END AS y_days
    FROM explore_invoices
  )
  SELECT *,
    (amount_lo IS NULL AND ydays_lo IS NULL)
      OR (y_days IS NOT NULL
          AND (amount_lo IS NULL OR (amount::DOUBLE >= amount_lo AND amount::DOUBLE < amount_hi))
          AND (ydays_lo IS NULL OR (y_days >= ydays_lo AND y_days < ydays_hi))) AS pass_scatter,
    dbt_lo IS NULL OR (days_beyond_terms >= dbt_lo AND days_beyond_terms < dbt_hi) AS pass_dbt,
    month_first IS NULL OR (invoice_month >= month_first AND invoice_month <= month_last) AS pass_month,
    segments IS NULL OR list_contains(segments, coalesce(segment, '~none')) AS pass_segment,
    regions IS NULL OR list_contains(regions, coalesce(region, '~none')) AS pass_region,
    methods IS NULL OR list_contains(methods, coalesce(method, '~none')) AS pass_method,
    terms_days IS NULL OR list_contains(terms_days, terms) AS pass_terms,
    tiers IS NULL OR list_contains(tiers, coalesce(tier, '~none')) AS pass_tier
  FROM book;
