-- Fills the temporary table explore_rows (read by explore_rows_read) with the invoices of the
-- explorer's selection (every view's part applied), largest amount first, at most $limit (NULL:
-- all): ids, customer and its name, dates, amounts (invoiced, in the invoice's currency, and in
-- the base currency), days to pay and beyond terms (NULL while open), terms, payment method,
-- segment, region and tier.
-- needs: explore_macro_book, explore_fill, explore_macro_selection
CREATE OR REPLACE TEMP TABLE explore_rows AS
SELECT s.invoice_id, s.customer_id, c.name AS customer_name, s.segment, s.region, s.tier,
       s.invoice_date::VARCHAR AS invoice_date, s.due_date::VARCHAR AS due_date, s.settle_date::VARCHAR AS settle_date,
       s.terms, s.currency, s.amount_invoiced::DOUBLE AS amount_invoiced, s.amount::DOUBLE AS amount,
       s.days_to_pay, s.days_beyond_terms, s.method
FROM explore_selection($y, $amount_lo::DOUBLE, $amount_hi::DOUBLE, $ydays_lo::DOUBLE, $ydays_hi::DOUBLE, $dbt_lo::DOUBLE, $dbt_hi::DOUBLE,
    $month_first::DATE, $month_last::DATE, $pick_segment::VARCHAR[], $pick_region::VARCHAR[], $pick_method::VARCHAR[],
    $pick_terms::INTEGER[], $pick_tier::VARCHAR[]) s
JOIN customers c ON c.customer_id = s.customer_id
WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier
ORDER BY s.amount DESC, s.invoice_id
LIMIT $limit::INTEGER;
