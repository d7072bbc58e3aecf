-- A customer's statement of account for the period [$from, $to]: an opening balance per
-- currency (everything dated before $from), then every invoice, adjustment and payment dated in
-- the period with the running balance of its currency (invoices raise it; payments, credit
-- notes, discounts and write-offs lower it). Money is text to the cent. Sorted by the full key:
-- date, kind (opening, invoice, adjustment, payment), document, currency.
WITH events AS (
  SELECT invoice_date AS date, 1 AS kind_rank, 'invoice' AS kind, invoice_id AS document, NULL AS reference,
         due_date, currency, amount AS signed
  FROM invoices WHERE customer_id = $customer_id AND invoice_date <= $to::DATE
  UNION ALL
  SELECT date, 2, replace(kind, '_', ' '), adjustment_id, invoice_id, NULL, currency, -amount
  FROM adjustments WHERE customer_id = $customer_id AND date <= $to::DATE
  UNION ALL
  SELECT payment_date, 3, CASE WHEN invoice_id IS NULL THEN 'unapplied payment' ELSE 'payment' END,
         payment_id, invoice_id, NULL, currency, -amount
  FROM payments WHERE customer_id = $customer_id AND payment_date <= $to::DATE
),
currencies AS (
  SELECT currency FROM events UNION SELECT currency FROM customers WHERE customer_id = $customer_id
),
opening AS (
  SELECT $from::DATE AS date, 0 AS kind_rank, 'opening balance' AS kind, NULL AS document, NULL AS reference,
         NULL::DATE AS due_date, c.currency,
         coalesce((SELECT sum(e.signed) FROM events e WHERE e.currency = c.currency AND e.date < $from::DATE), 0) AS signed
  FROM currencies c
),
lines AS (
  FROM opening
  UNION ALL
  FROM events WHERE date >= $from::DATE
)
SELECT date::VARCHAR AS date, kind, document, reference, due_date::VARCHAR AS due_date, currency,
       CASE WHEN kind_rank > 0 AND signed > 0 THEN signed::DECIMAL(18,2)::VARCHAR END AS debit,
       CASE WHEN kind_rank > 0 AND signed < 0 THEN (-signed)::DECIMAL(18,2)::VARCHAR END AS credit,
       sum(signed) OVER (PARTITION BY currency ORDER BY date, kind_rank, document NULLS FIRST
                         ROWS UNBOUNDED PRECEDING)::DECIMAL(18,2)::VARCHAR AS balance
FROM lines
ORDER BY date, kind_rank, document NULLS FIRST, currency;
