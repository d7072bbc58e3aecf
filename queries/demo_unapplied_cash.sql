-- Demo unapplied cash: one receipt per 250 invoices that could not be matched to an invoice
-- (no remittance advice, a deposit), more of them recent; they show as credit balances.
INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method, import_id, currency)
WITH bounds AS (
  SELECT ($end::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE AS first_day, $end::DATE AS last_day
),
receipts AS (
  SELECT j,
         printf('C%06d', 1 + hash($seed::INTEGER, j, 'unapplied_customer') % $customers::BIGINT) AS customer_id,
         hash($seed::INTEGER, j, 'unapplied_date') % 1000000 / 1e6 AS u_date,
         (hash($seed::INTEGER, j, 'unapplied_amount') % 999999 + 1) / 1e6 AS u_amount,
         hash($seed::INTEGER, j, 'unapplied_method') % 1000000 / 1e6 AS u_method
  FROM range(1, $invoices::BIGINT // 250 + 2) r(j)
)
SELECT printf('PAYU%07d', r.j), c.customer_id, NULL,
       -- Squaring the draw crowds receipts toward the end, where matching is still pending.
       b.last_day - floor((b.last_day - b.first_day) * r.u_date * r.u_date)::INTEGER,
       greatest(1, round(exp(6.5 + 1.2 * ln(r.u_amount / (1 - r.u_amount)) * 0.5513)
                         * CASE c.currency WHEN 'EUR' THEN 0.92 WHEN 'CNY' THEN 7.1 ELSE 1 END, 2))::DECIMAL(18,2),
       CASE WHEN r.u_method < 0.7 THEN 'transfer' WHEN r.u_method < 0.9 THEN 'check' ELSE 'card' END,
       $import_id::INTEGER, c.currency
FROM receipts r JOIN customers c ON c.customer_id = r.customer_id, bounds b;
