-- The lines behind an amount of the aging table at D (a customer's bucket, overdue, unapplied or
-- AR; or a column's total): open invoices whose bucket index lies in [$bucket_from, $bucket_to]
-- (none when NULL), and, when $credits, the credit lines (overpaid invoices, unapplied cash).
-- One row: how many lines, their total in the base currency at D's rate (summed exactly, as
-- the aging table sums them), and one page of the lines, oldest due date first, credits last.
WITH cust AS (
  SELECT customer_id, name, currency FROM customers_in($segment, $region, $currency, $customer_id)
),
positions AS (
  FROM open_positions([$as_of::DATE], $segment, $region, $currency, $customer_id)
),
lines AS (
  SELECT 'invoice' AS kind, invoice_id AS ref, customer_id, currency, invoice_date AS date, due_date,
         amount, open, bucket_index(d, due_date, invoice_date, $edges::INTEGER[], 'due') AS bucket, disputed
  FROM positions
  WHERE open > 0 AND $bucket_from::INTEGER IS NOT NULL
  UNION ALL
  SELECT 'credit', invoice_id, customer_id, currency, invoice_date, due_date, amount, open, NULL, disputed
  FROM positions
  WHERE open < 0 AND $credits::BOOLEAN
  UNION ALL
  SELECT 'unapplied_cash', p.payment_id, p.customer_id, c.currency, p.payment_date, NULL, p.amount, -p.amount, NULL, false
  FROM payments p JOIN cust c ON c.customer_id = p.customer_id
  WHERE p.invoice_id IS NULL AND p.payment_date <= $as_of::DATE AND $credits::BOOLEAN
),
rates AS (
  SELECT currency, rate_on(currency, $as_of::DATE) AS rate FROM (SELECT DISTINCT currency FROM lines)
),
selected AS MATERIALIZED (
  SELECT l.*, l.open * r.rate AS base_open, r.rate
  FROM lines l JOIN rates r USING (currency)
  WHERE l.kind <> 'invoice' OR l.bucket BETWEEN $bucket_from::INTEGER AND $bucket_to::INTEGER
),
page AS (
  SELECT s.*, c.name
  FROM selected s JOIN cust c ON c.customer_id = s.customer_id
  ORDER BY s.kind = 'invoice' DESC, s.due_date NULLS LAST, s.base_open DESC, s.ref
  LIMIT $limit::INTEGER OFFSET $offset::INTEGER
)
SELECT (SELECT count(*) FROM selected)::INTEGER AS lines,
       coalesce((SELECT sum(base_open) FROM selected), 0)::DOUBLE AS total,
       (SELECT min(currency || ' on ' || $as_of::DATE) FROM rates WHERE rate IS NULL) AS missing_rate,
       (SELECT list({
                 'kind': kind, 'ref': ref, 'customer_id': customer_id, 'name': name,
                 'date': date::VARCHAR, 'due_date': due_date::VARCHAR,
                 'days_past_due': ($as_of::DATE - due_date)::INTEGER, 'bucket': bucket::INTEGER,
                 'currency': currency, 'amount': amount::DOUBLE, 'open': open::DOUBLE,
                 'base_open': base_open::DOUBLE, 'disputed': disputed
               } ORDER BY kind = 'invoice' DESC, due_date NULLS LAST, base_open DESC, ref)
        FROM page) AS rows;
