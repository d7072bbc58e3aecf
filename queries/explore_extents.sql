-- The ranges the explorer's numeric views span for the invoices of explore_invoices (to lay out
-- their bins): invoices, smallest and largest base amount, the extremes of days to pay and days
-- beyond terms, the first and last invoice month (YYYY-MM), and the first FX rate found missing
-- (currency and date), if any.
-- needs: explore_macro_book, explore_fill
SELECT count(*)::INTEGER AS invoices, min(amount)::DOUBLE AS amount_min, max(amount)::DOUBLE AS amount_max,
       min(days_to_pay) AS dtp_min, max(days_to_pay) AS dtp_max,
       min(days_beyond_terms) AS dbt_min, max(days_beyond_terms) AS dbt_max,
       strftime(min(invoice_month), '%Y-%m') AS month_first, strftime(max(invoice_month), '%Y-%m') AS month_last,
       min(currency || ' on ' || invoice_date) FILTER (WHERE amount IS NULL) AS missing_rate
FROM explore_invoices;
