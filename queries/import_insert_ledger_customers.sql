-- Create the customers a ledger file names and the database does not know yet, from their
-- first valid row: the name from customer_name (else the id itself), region, segment,
-- country, terms (else 30) and credit limit from their columns when mapped; the currency is
-- the mapping's $default_currency, else the base currency.
-- needs: import_stage_ledger, import_macro_text, import_macro_number_digits, import_macro_number_text, import_macro_date, import_macro_flag, import_typed_ledger, import_errors_create
INSERT INTO customers (customer_id, name, segment, region, country, currency, payment_terms_days, credit_limit, import_id)
SELECT t.customer_id,
       coalesce(arg_min(t.customer_name, t.row_no) FILTER (WHERE t.customer_name IS NOT NULL), t.customer_id),
       arg_min(t.segment, t.row_no) FILTER (WHERE t.segment IS NOT NULL),
       arg_min(t.region, t.row_no) FILTER (WHERE t.region IS NOT NULL),
       arg_min(t.country, t.row_no) FILTER (WHERE t.country IS NOT NULL),
       coalesce($default_currency, (SELECT coalesce(max(value), 'USD') FROM settings WHERE key = 'base_currency')),
       coalesce(arg_min(t.terms, t.row_no) FILTER (WHERE t.terms IS NOT NULL), 30),
       arg_min(t.credit_limit, t.row_no) FILTER (WHERE t.credit_limit IS NOT NULL)::DECIMAL(18,2),
       $import_id
FROM import_typed_ledger t
ANTI JOIN import_errors e ON e.row_no = t.row_no
WHERE NOT t.customer_known
GROUP BY t.customer_id;
