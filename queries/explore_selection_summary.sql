-- The summary of the explorer's selection (every view's part applied): invoices, amount in the
-- base currency, settled invoices, their amount-weighted days beyond terms (clamped at 0, as the
-- KPI) and days to pay, and the share settled by the due date.
-- needs: explore_macro_book, explore_fill, explore_macro_selection
SELECT count(*)::INTEGER AS count,
       coalesce(sum(amount), 0)::DOUBLE AS amount,
       count(days_to_pay)::INTEGER AS settled,
       (sum(amount * greatest(days_beyond_terms, 0)) / sum(amount) FILTER (WHERE days_to_pay IS NOT NULL))::DOUBLE AS dbt,
       (sum(amount * days_to_pay) / sum(amount) FILTER (WHERE days_to_pay IS NOT NULL))::DOUBLE AS days_to_pay,
       (count(*) FILTER (WHERE days_beyond_terms <= 0) / count(days_to_pay))::DOUBLE AS on_time_rate
FROM explore_selection($y, $amount_lo::DOUBLE, $amount_hi::DOUBLE, $ydays_lo::DOUBLE, $ydays_hi::DOUBLE, $dbt_lo::DOUBLE, $dbt_hi::DOUBLE,
    $month_first::DATE, $month_last::DATE, $pick_segment::VARCHAR[], $pick_region::VARCHAR[], $pick_method::VARCHAR[],
    $pick_terms::INTEGER[], $pick_tier::VARCHAR[])
WHERE pass_scatter AND pass_dbt AND pass_month AND pass_segment AND pass_region AND pass_method AND pass_terms AND pass_tier;
