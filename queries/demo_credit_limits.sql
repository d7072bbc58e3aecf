-- Demo credit limits, set from what each customer was actually billed: 1 to 3 months of sales
-- plus its terms, rounded up to a thousand; one customer in seven has none.
UPDATE customers SET credit_limit = l.credit_limit
FROM (
  SELECT m.customer_id,
         (ceil(sum(m.sales) / count(*)
               * (c.payment_terms_days / 30.0 + 1)
               * (0.8 + 1.7 * (hash($seed::INTEGER, c.customer_id, 'limit') % 1000000 / 1e6)) / 1000) * 1000)::DECIMAL(18,2) AS credit_limit
  -- Sales per customer and month first: the months billed are then counted without a DISTINCT.
  FROM (SELECT customer_id, date_trunc('month', invoice_date) AS month, sum(amount) AS sales FROM invoices GROUP BY ALL) m
  JOIN customers c ON c.customer_id = m.customer_id
  WHERE hash($seed::INTEGER, c.customer_id, 'no_limit') % 7 <> 0
  GROUP BY m.customer_id, c.customer_id, c.payment_terms_days
) l
WHERE customers.customer_id = l.customer_id;
