-- Write the staged customers that have no rejection and are not already in the database.
-- needs: import_stage_customers, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_customers, import_errors_create
INSERT INTO customers (customer_id, name, segment, region, country, currency, payment_terms_days, credit_limit, import_id)
SELECT t.customer_id, t.name, t.segment, t.region, t.country, t.currency, t.payment_terms_days,
       t.credit_limit::DECIMAL(18,2), $import_id
FROM import_typed_customers t
-- Anti-joins rather than NOT EXISTS: no correlated subquery to decorrelate per row.
ANTI JOIN import_errors e ON e.row_no = t.row_no
ANTI JOIN customers c ON c.customer_id = t.customer_id;
