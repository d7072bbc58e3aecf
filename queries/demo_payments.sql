-- Demo payments applied to invoices, after credit notes. Each invoice gets a planned date from
-- its customer's profile (on time, a few days late, 20-60 days late, early with a 2% discount);
-- disputes pay late or after their credit note; slipping customers pay later and later, in
-- parts, and then not at all; a few invoices are never paid (later written off), some paid in
-- two or three parts (a habit of some customers), a handful overpaid. Nothing is dated after $end.
INSERT INTO payments (payment_id, customer_id, invoice_id, payment_date, amount, method, import_id, currency)
WITH who AS (
  SELECT c.customer_id, p.profile, p.deteriorate_from,
         CASE p.profile
           WHEN 'defaulting' THEN p.deteriorate_from + 90
           WHEN 'deteriorating' THEN p.deteriorate_from
             + floor((0.45 + 0.35 * (hash($seed::INTEGER, c.customer_id, 'stop') % 1000000 / 1e6))
                     * ($end::DATE - p.deteriorate_from))::INTEGER
         END AS stops_paying,
         -- Once slipping, each day later the planned payment falls adds this many days of delay.
         0.5 + 0.7 * (hash($seed::INTEGER, c.customer_id, 'pace') % 1000000 / 1e6) AS pace,
         -- Paying in parts is a habit of some customers (cash-strapped ones), rare for the rest.
         hash($seed::INTEGER, c.customer_id, 'habit') % 1000000 / 1e6 < 0.12 AS pays_in_parts,
         CASE c.segment
           WHEN 'Enterprise' THEN CASE WHEN u_pref < 0.65 THEN 'transfer' WHEN u_pref < 0.90 THEN 'direct_debit' ELSE 'check' END
           WHEN 'Mid-market' THEN CASE WHEN u_pref < 0.55 THEN 'transfer' WHEN u_pref < 0.75 THEN 'direct_debit' WHEN u_pref < 0.85 THEN 'card' ELSE 'check' END
           WHEN 'Public sector' THEN CASE WHEN u_pref < 0.60 THEN 'transfer' ELSE 'check' END
           ELSE CASE WHEN u_pref < 0.40 THEN 'card' WHEN u_pref < 0.70 THEN 'transfer' WHEN u_pref < 0.85 THEN 'direct_debit' ELSE 'check' END
         END AS preferred_method
  FROM customers c
  JOIN demo_profiles p ON p.customer_id = c.customer_id,
  LATERAL (SELECT hash($seed::INTEGER, c.customer_id, 'method') % 1000000 / 1e6 AS u_pref)
),
credits AS (
  SELECT invoice_id, sum(amount) AS amount, max(date) AS date FROM adjustments WHERE kind = 'credit_note' GROUP BY invoice_id
),
hashed AS (
  SELECT i.invoice_id, i.customer_id, i.invoice_date, i.due_date, i.disputed, i.currency,
         (i.amount - coalesce(cr.amount, 0))::DECIMAL(18,2) AS owed, cr.date AS credit_date,
         w.profile, w.deteriorate_from, w.stops_paying, w.pace, w.pays_in_parts, w.preferred_method,
         hash($seed::INTEGER, i.invoice_id, 'plan') AS h1, hash($seed::INTEGER, i.invoice_id, 'shape') AS h2,
         hash($seed::INTEGER, i.invoice_id, 'split') AS h3
  FROM invoices i
  JOIN who w ON w.customer_id = i.customer_id
  LEFT JOIN credits cr ON cr.invoice_id = i.invoice_id
),
-- Nine uniform draws from three 64-bit hashes, six decimal digits each: hashing is the cost here.
drawn AS (
  SELECT *,
         h1 % 1000000 / 1e6 AS u_delay, h1 // 1000000 % 1000000 / 1e6 AS u_tail, h1 // 1000000000000 % 1000000 / 1e6 AS u_discount,
         h2 % 1000000 / 1e6 AS u_unresolved, h2 // 1000000 % 1000000 / 1e6 AS u_bad, h2 // 1000000000000 % 1000000 / 1e6 AS u_parts,
         h3 % 1000000 / 1e6 AS u_split, h3 // 1000000 % 1000000 / 1e6 AS u_gap, h3 // 1000000000000 % 1000000 / 1e6 AS u_over
  FROM hashed
),
planned AS (
  SELECT *,
         profile = 'early_payer' AND u_discount < 0.85 AND NOT disputed AND credit_date IS NULL AS takes_discount,
         -- Days after the due date, by inverse CDF: mostly on time or early, or skewed late.
         CASE profile
           WHEN 'chronic_late' THEN 20 + floor(41 * u_delay) + CASE WHEN u_tail < 0.05 THEN floor(1200 * u_tail) ELSE 0 END
           WHEN 'late_payer' THEN floor(-3 + 24 * pow(u_delay, 1.5))
           WHEN 'defaulting' THEN floor(-3 + 24 * pow(u_delay, 1.5))
           ELSE round(-7 + 11 * pow(u_delay, 1.6))
         END::INTEGER AS delay
  FROM drawn
),
dated AS (
  SELECT *,
         CASE
           WHEN takes_discount THEN invoice_date + (2 + floor(9 * u_delay))::INTEGER
           WHEN disputed AND credit_date IS NOT NULL THEN credit_date + (3 + floor(15 * u_tail))::INTEGER
           WHEN disputed THEN due_date + greatest(delay, 0) + (30 + floor(61 * u_tail))::INTEGER
           WHEN credit_date IS NOT NULL THEN greatest(due_date + delay, credit_date + 1)
           ELSE due_date + delay
         END AS on_plan
  FROM planned
),
slipped AS (
  SELECT *,
         deteriorate_from IS NOT NULL AND on_plan > deteriorate_from AS slipping,
         CASE WHEN deteriorate_from IS NOT NULL AND on_plan > deteriorate_from
              THEN on_plan + round(pace * (on_plan - deteriorate_from))::INTEGER ELSE on_plan END AS first_date
  FROM dated
),
shaped AS (
  SELECT *,
         CASE
           WHEN owed <= 0 THEN 0
           WHEN disputed AND credit_date IS NULL AND u_unresolved < 0.2 THEN 0
           WHEN u_bad < CASE profile WHEN 'chronic_late' THEN 0.02 WHEN 'late_payer' THEN 0.004 ELSE 0.001 END THEN 0
           WHEN takes_discount OR owed < 50 THEN 1
           WHEN u_parts < CASE WHEN slipping THEN 0.5 WHEN profile = 'chronic_late' THEN 0.12 WHEN pays_in_parts THEN 0.3 ELSE 0.01 END
             THEN CASE WHEN u_split < 0.3 THEN 3 ELSE 2 END
           ELSE 1
         END AS parts,
         NOT takes_discount AND NOT disputed AND credit_date IS NULL AND NOT slipping AND u_over < 0.002 AS overpays,
         14 + floor(31 * u_gap)::INTEGER AS gap,
         -- Share of the amount paid after the first and second of several parts.
         CASE WHEN u_split < 0.3 THEN 0.25 + 0.2 * u_gap ELSE 0.3 + 0.4 * u_gap END AS share1,
         0.55 + 0.25 * u_parts AS share2
  FROM slipped
),
parts AS (
  SELECT *,
         greatest(invoice_date, first_date + ((k - 1) * gap)::INTEGER) AS payment_date,
         CASE WHEN k = parts THEN owed WHEN k = 1 THEN round(owed * share1, 2)::DECIMAL(18,2) ELSE round(owed * share2, 2)::DECIMAL(18,2) END
         - CASE WHEN k = 1 THEN 0 WHEN k = 2 THEN round(owed * share1, 2)::DECIMAL(18,2) ELSE round(owed * share2, 2)::DECIMAL(18,2) END AS part_amount
  FROM (SELECT *, unnest(range(1, parts + 1)) AS k FROM shaped)
)
SELECT 'PAY' || substr(invoice_id, 4) || '-' || k, customer_id, invoice_id, payment_date,
       CASE WHEN takes_discount THEN owed - round(owed * 0.02, 2)
            WHEN overpays THEN owed + greatest(0.01, round(owed * (0.01 + 0.04 * u_split), 2))::DECIMAL(18,2)
            ELSE part_amount END::DECIMAL(18,2),
       -- The hashes' top digits as integers: added to a BIGINT, a UBIGINT is widened to HUGEINT.
       CASE WHEN ((h1 // 1000000000000000000)::INTEGER + k) % 7 > 0 THEN preferred_method
            ELSE CASE ((h2 // 1000000000000000000)::INTEGER + k) % 4 WHEN 0 THEN 'transfer' WHEN 1 THEN 'card' WHEN 2 THEN 'check' ELSE 'direct_debit' END END,
       $import_id::INTEGER,
       -- Written here rather than derived afterwards (refreshSettlements fills only what is missing).
       currency
FROM parts
WHERE payment_date <= $end::DATE
  AND (stops_paying IS NULL OR payment_date < stops_paying)
-- In key order: DuckDB's primary-key index takes sorted keys several times faster. Sorted as
-- numbers (the invoice's, then the part's), which is the ids' order and cheaper than their text.
ORDER BY substr(invoice_id, 4)::INTEGER, k;
