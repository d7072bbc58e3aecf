-- Where the open balance of each aging bucket went from each month-end t of $dates to the next
-- one t': still open (in its bucket at t'), paid, credited (credit notes, discounts) or written
-- off; one row per (t, from_bucket, to_state). Each invoice open at t contributes its open(t),
-- split into what stays open at t' and what events in (t, t'] took away (in proportion to
-- those events). Amounts in the base currency at t's rate. An as-of date's roll rates sum the
-- steps of its own trailing months, so many dates need one pass.
WITH days AS (
  SELECT DISTINCT unnest($dates::DATE[]) AS d
),
steps AS (
  SELECT d AS t, lead(d) OVER (ORDER BY d) AS t_next FROM days
),
positions AS (
  FROM open_positions($dates::DATE[], $segment, $region, $currency, $customer_id)
),
opened AS (
  SELECT p.invoice_id, p.currency, s.t, s.t_next, p.open,
         bucket_index(s.t, p.due_date, p.invoice_date, $edges::INTEGER[], 'due') AS bucket,
         p.due_date, p.invoice_date
  FROM positions p JOIN steps s ON s.t = p.d
  WHERE p.open > 0 AND s.t_next IS NOT NULL
),
moved AS (
  SELECT o.*, greatest(coalesce(n.open, 0), 0) AS open_next,
         bucket_index(o.t_next, o.due_date, o.invoice_date, $edges::INTEGER[], 'due') AS next_bucket
  FROM opened o LEFT JOIN positions n ON n.invoice_id = o.invoice_id AND n.d = o.t_next
),
events AS (
  SELECT p.invoice_id, p.payment_date AS date, 'paid' AS state, p.amount
  FROM payments p SEMI JOIN opened o ON o.invoice_id = p.invoice_id
  UNION ALL
  SELECT a.invoice_id, a.date, CASE a.kind WHEN 'write_off' THEN 'written_off' ELSE 'credited' END, a.amount
  FROM adjustments a SEMI JOIN opened o ON o.invoice_id = a.invoice_id
),
step_events AS (
  SELECT m.invoice_id, m.t, e.state, sum(e.amount) AS amount
  FROM moved m JOIN events e ON e.invoice_id = m.invoice_id AND e.date > m.t AND e.date <= m.t_next
  GROUP BY ALL
),
step_totals AS (
  SELECT invoice_id, t, sum(amount) AS total FROM step_events GROUP BY ALL
),
flows AS (
  SELECT bucket, 'bucket:' || next_bucket AS to_state, currency, t, open_next::DECIMAL(38,2) AS amount
  FROM moved WHERE open_next > 0
  UNION ALL
  -- Split to the cent, so that the sums below are exact and the same on every run.
  SELECT m.bucket, e.state, m.currency, m.t, round((m.open - m.open_next) * e.amount / st.total, 2)::DECIMAL(38,2)
  FROM moved m
  JOIN step_events e ON e.invoice_id = m.invoice_id AND e.t = m.t
  JOIN step_totals st ON st.invoice_id = m.invoice_id AND st.t = m.t
  WHERE m.open > m.open_next
),
rates AS (
  SELECT currency, t, rate_on(currency, t) AS rate FROM (SELECT DISTINCT currency, t FROM flows)
)
SELECT f.t::VARCHAR AS t, f.bucket::INTEGER AS from_bucket, f.to_state, sum(f.amount * r.rate)::DOUBLE AS amount,
       min(CASE WHEN r.rate IS NULL THEN f.currency || ' on ' || f.t END) AS missing_rate
FROM flows f JOIN rates r USING (currency, t)
GROUP BY ALL
ORDER BY t, from_bucket, to_state;
