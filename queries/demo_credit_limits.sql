-- Demo credit limits, set from what each customer was actually billed: 1 to 3 months of sales
-- plus its terms, rounded up to a thousand; one customer in seven has none.
UPDATE customers SET credit_limit = l.credit_limit
FROM (
  SELECT i.customer_id,
         (ceil(sum(i.amount) / count(DISTINCT date_trunc('month', i.invoice_date))
               * (c.payment_terms_days / 30.0 + 1)
               * (0.8 + 1.7 * (hash($seed::INTEGER, c.customer_id, 'limit') % 1000000 / 1e6)) / 1000) * 1000)::DECIMAL(18,2) AS credit_limit
  FROM invoices i JOIN customers c ON c.customer_id = i.customer_id
  WHERE hash($seed::INTEGER, c.customer_id, 'no_limit') % 7 <> 0
  GROUP BY i.customer_id, c.customer_id, c.payment_terms_days
) l
WHERE customers.customer_id = l.customer_id;
