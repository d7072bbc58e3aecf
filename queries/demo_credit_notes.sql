-- Demo credit notes: nearly half of the disputes end in one (a share or all of the amount,
-- weeks after the invoice), and about 2.5% of undisputed invoices get a small one (returns,
-- price corrections). Payments are planned afterwards, for what is left to pay.
INSERT INTO adjustments (adjustment_id, invoice_id, date, amount, kind, import_id, customer_id, currency)
WITH draws AS (
  SELECT invoice_id, customer_id, currency, invoice_date, amount, disputed,
         hash($seed::INTEGER, invoice_id, 'credit') % 1000000 / 1e6 AS u_credit,
         hash($seed::INTEGER, invoice_id, 'credit_date') % 1000000 / 1e6 AS u_date,
         hash($seed::INTEGER, invoice_id, 'credit_share') % 1000000 / 1e6 AS u_share
  FROM invoices
),
credited AS (
  SELECT invoice_id, customer_id, currency,
         CASE WHEN disputed THEN invoice_date + (15 + floor(u_date * 61))::INTEGER
              ELSE invoice_date + (2 + floor(u_date * 29))::INTEGER END AS date,
         CASE WHEN disputed AND u_share < 0.4 THEN amount
              WHEN disputed THEN greatest(0.01, round(amount * (u_share - 0.3), 2))
              ELSE greatest(0.01, round(amount * (0.03 + 0.27 * u_share), 2)) END AS amount
  FROM draws
  WHERE (disputed AND u_credit < 0.45) OR (NOT disputed AND u_credit < 0.025)
)
SELECT 'ADJ' || substr(invoice_id, 4) || '-C', invoice_id, date, amount::DECIMAL(18,2), 'credit_note', $import_id::INTEGER, customer_id, currency
FROM credited
WHERE date <= $end::DATE;
