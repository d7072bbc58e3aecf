-- The customer a statement of account is addressed to: its details, credit limit in its own currency.
SELECT customer_id, name, segment, region, country, currency, payment_terms_days::VARCHAR AS payment_terms_days,
       credit_limit::DECIMAL(18,2)::VARCHAR AS credit_limit
FROM customers
WHERE customer_id = $customer_id;
