-- Per customer and day d of $dates (named by its position in $dates), the raw behaviour the credit
-- score reads (src/lib/risk/types.ts, CustomerFactors, as one list): the payment index over the 24
-- months to d (each invoice's index read from $index_table, one entry per whole day beyond terms
-- from $index_first), days beyond terms in the last 3 months / the 12 before / the last 12, AR,
-- overdue and 90+ at d, the credit limit, disputes, partial payments, write-offs, tenure and
-- volume. Balances at d's rate, payment weights at the invoice date's rate. Customers with an
-- invoice dated in the 24 months to d or a balance at d.
-- Nothing dated after d counts for d: settle and event dates are compared with d.
-- needs: macros
WITH cust AS (
  SELECT customer_id, name, segment, region, currency, credit_limit FROM customers_in($segment, $region, $currency, $customer_id)
),
-- Each date once, with its first position in $dates (how the result names it).
days AS (
  SELECT d, min(i)::INTEGER AS date_index
  FROM (SELECT unnest($dates::DATE[]) AS d, generate_subscripts($dates::DATE[], 1) AS i)
  GROUP BY d
),
-- Every trailing window below is a union of bands of months before d: (d - 3 months, d], the 9
-- before, the 3 before those and the 9 before those, 24 months in all. The edges of every date's
-- bands cut time into slices: each invoice is summed into its one slice, then each slice into the
-- band it falls in for each date, so the invoices are read once whatever the number of dates.
edges AS (
  SELECT DISTINCT unnest([d, (d - INTERVAL 3 MONTH)::DATE, (d - INTERVAL 12 MONTH)::DATE,
                          (d - INTERVAL 15 MONTH)::DATE, (d - INTERVAL 24 MONTH)::DATE]) AS edge
  FROM days
),
-- Each day from the first edge to the last, with the edge ending its slice: a small table that
-- places an invoice by a plain equality join on its date.
calendar AS (
  SELECT c.day, e.edge
  FROM (SELECT unnest(generate_series(min(edge) + 1, max(edge), INTERVAL 1 DAY))::DATE AS day FROM edges) c
  ASOF JOIN edges e ON c.day <= e.edge
),
-- For each date, the band of each slice in its 24 months, by the band's far end in months before d.
reach AS (
  SELECT days.d, e.edge,
         CASE WHEN e.edge > (days.d - INTERVAL 3 MONTH)::DATE THEN 3
              WHEN e.edge > (days.d - INTERVAL 12 MONTH)::DATE THEN 12
              WHEN e.edge > (days.d - INTERVAL 15 MONTH)::DATE THEN 15
              ELSE 24 END AS band
  FROM days JOIN edges e ON e.edge > (days.d - INTERVAL 24 MONTH)::DATE AND e.edge <= days.d
),
-- Settled invoices: each one's index, days beyond terms (≥ 0) and weight.
settled AS (
  SELECT s.customer_id, s.settle_date, s.weight, s.days_beyond_terms, s.currency, s.invoice_date,
         list_extract($index_table::DECIMAL(10,4)[],
                      least(greatest(s.settle_date - s.due_date, $index_first::INTEGER), $index_last::INTEGER) - $index_first::INTEGER + 1) AS points
  FROM settled_between((list_min($dates::DATE[]) - INTERVAL 24 MONTH)::DATE, list_max($dates::DATE[])) s
  SEMI JOIN cust c ON c.customer_id = s.customer_id
),
-- An invoice belongs to the slice ending at the first edge on or after its settle date.
settled_slices AS (
  SELECT s.customer_id, e.edge, count(*) AS n, sum(s.weight) AS w, sum(s.weight * s.points) AS wp,
         sum(s.weight * s.days_beyond_terms) AS wd
  FROM settled s JOIN calendar e ON e.day = s.settle_date
  GROUP BY ALL
),
settled_bands AS (
  SELECT r.d, x.customer_id, r.band, sum(x.n) AS n, sum(x.w) AS w, sum(x.wp) AS wp, sum(x.wd) AS wd
  FROM settled_slices x JOIN reach r ON r.edge = x.edge
  GROUP BY ALL
),
settled_by_day AS (
  SELECT d, customer_id,
         sum(n) AS settled_invoices,
         sum(w) AS w24,
         sum(wp) AS wp24,
         sum(w) FILTER (WHERE band = 3) AS w_recent,
         sum(wd) FILTER (WHERE band = 3) AS wd_recent,
         sum(w) FILTER (WHERE band IN (12, 15)) AS w_prior,
         sum(wd) FILTER (WHERE band IN (12, 15)) AS wd_prior,
         sum(w) FILTER (WHERE band <= 12) AS w_12m,
         sum(wd) FILTER (WHERE band <= 12) AS wd_12m
  FROM settled_bands
  GROUP BY ALL
),
-- Invoices settled without a rate for their invoice date (normally none): named in the error.
settled_missing_rate AS (
  SELECT days.d, s.customer_id, min(s.currency || ' on ' || s.invoice_date) AS missing_rate
  FROM settled s JOIN days ON s.settle_date > (days.d - INTERVAL 24 MONTH)::DATE AND s.settle_date <= days.d
  WHERE s.weight IS NULL
  GROUP BY ALL
),
positions AS (
  FROM open_positions($dates::DATE[], $segment, $region, $currency, $customer_id)
),
invoice_date_rates AS (
  SELECT currency, invoice_date, rate_on(currency, invoice_date) AS rate
  FROM (SELECT DISTINCT currency, invoice_date FROM positions WHERE open > 0 AND due_date < d)
),
-- Open invoices already past due at d count in the index (and in the recent days beyond terms) at their current days.
past_due AS (
  SELECT p.d, p.customer_id,
         count(*) AS experiences,
         sum(p.amount * r.rate) AS w,
         sum(p.amount * r.rate * list_extract($index_table::DECIMAL(10,4)[],
                                              least(p.d - p.due_date, $index_last::INTEGER) - $index_first::INTEGER + 1)) AS wp,
         sum(p.amount * r.rate * (p.d - p.due_date)) AS wd,
         min(p.currency || ' on ' || p.invoice_date) FILTER (WHERE r.rate IS NULL) AS missing_rate
  FROM positions p JOIN invoice_date_rates r USING (currency, invoice_date)
  WHERE p.open > 0 AND p.due_date < p.d
  GROUP BY ALL
),
open_native AS (
  SELECT d, customer_id, currency,
         sum(open) FILTER (WHERE open > 0) AS positive,
         sum(open) FILTER (WHERE open < 0) AS credit,
         sum(open) FILTER (WHERE open > 0 AND due_date < d) AS overdue,
         sum(open) FILTER (WHERE open > 0 AND d - due_date > 90) AS overdue_90
  FROM positions GROUP BY ALL
  UNION ALL
  SELECT u.d, u.customer_id, c.currency, NULL, -u.amount, NULL, NULL
  FROM unapplied_cash_at($dates::DATE[]) u JOIN cust c ON c.customer_id = u.customer_id
),
-- The invoices dated in the 24 months to any d: billing, disputes, volume, partial payments.
billed AS (
  SELECT customer_id, currency, invoice_date, amount, disputed, first_event_date,
         -- Paid in parts: more than one event day before settling, or partly paid and still open
         -- (at a d on or after the first event, settling after d means settling after that event).
         settle_date IS NULL OR settle_date > first_event_date AS in_parts,
         -- First paid within 12 months of its date: when its first event falls in (d - 12 months, d],
         -- its date falls in (d - 24 months, d], so the first event's date alone places it.
         first_event_date >= invoice_date AND invoice_date > ((first_event_date - 1) - INTERVAL 12 MONTH)::DATE AS paid_within_12m
  FROM invoice_status
  WHERE invoice_date > (list_min($dates::DATE[]) - INTERVAL 24 MONTH)::DATE AND invoice_date <= list_max($dates::DATE[])
    AND customer_id IN (SELECT customer_id FROM cust)
),
-- Invoices by the slice of their date, and those first paid within 12 months by the slice of their first event.
billed_slices AS (
  SELECT b.customer_id, b.currency, e.edge, count(*) AS invoices, sum(b.amount) AS billed,
         sum(b.amount) FILTER (WHERE b.disputed) AS disputed
  FROM billed b JOIN calendar e ON e.day = b.invoice_date
  GROUP BY ALL
),
paid_slices AS (
  SELECT b.customer_id, b.currency, e.edge, count(*) AS paid, count(*) FILTER (WHERE b.in_parts) AS partial
  FROM billed b JOIN calendar e ON e.day = b.first_event_date
  WHERE b.paid_within_12m
  GROUP BY ALL
),
-- Per date: the invoices dated in its 24 months, split at 12, and those first paid in its last 12.
billed_bands AS (
  SELECT d, customer_id, currency, in_12m, sum(invoices) AS invoices, sum(billed) AS billed, sum(disputed) AS disputed,
         sum(paid) AS paid, sum(partial) AS partial
  FROM (
    SELECT r.d, x.customer_id, x.currency, r.band <= 12 AS in_12m, x.invoices, x.billed, x.disputed,
           NULL::BIGINT AS paid, NULL::BIGINT AS partial
    FROM billed_slices x JOIN reach r ON r.edge = x.edge
    UNION ALL
    SELECT r.d, x.customer_id, x.currency, true, NULL, NULL, NULL, x.paid, x.partial
    FROM paid_slices x JOIN reach r ON r.edge = x.edge AND r.band <= 12
  )
  GROUP BY ALL
),
-- The few invoices first paid more than 12 months after their date (or before it), day by day.
paid_late AS (
  SELECT days.d, b.customer_id, b.currency, count(*) AS paid, count(*) FILTER (WHERE b.in_parts) AS partial
  FROM billed b JOIN days ON b.invoice_date > (days.d - INTERVAL 24 MONTH)::DATE AND b.invoice_date <= days.d
  WHERE NOT b.paid_within_12m
    AND b.first_event_date > (days.d - INTERVAL 12 MONTH)::DATE AND b.first_event_date <= days.d
  GROUP BY ALL
),
billed_native AS (
  SELECT t.d, t.customer_id, t.currency,
         sum(t.billed) AS billed_24m,
         sum(t.billed) FILTER (WHERE t.in_12m) AS billed_12m,
         sum(t.disputed) FILTER (WHERE t.in_12m) AS disputed_12m,
         coalesce(sum(t.invoices) FILTER (WHERE t.in_12m), 0) AS invoices_12m,
         coalesce(sum(t.paid) FILTER (WHERE t.in_12m), 0) + coalesce(any_value(x.paid), 0) AS paid_12m,
         coalesce(sum(t.partial) FILTER (WHERE t.in_12m), 0) + coalesce(any_value(x.partial), 0) AS partial_12m
  FROM billed_bands t
  LEFT JOIN paid_late x ON x.d = t.d AND x.customer_id = t.customer_id AND x.currency = t.currency
  GROUP BY t.d, t.customer_id, t.currency
  HAVING sum(t.invoices) > 0
),
write_offs_native AS (
  SELECT days.d, a.customer_id, a.currency, sum(a.amount) AS amount
  FROM adjustments a JOIN days ON a.date > (days.d - INTERVAL 24 MONTH)::DATE AND a.date <= days.d
  WHERE a.kind = 'write_off' AND a.customer_id IN (SELECT customer_id FROM cust)
  GROUP BY ALL
),
first_invoice AS (
  SELECT customer_id, min(invoice_date) AS first_date FROM invoice_status
  WHERE customer_id IN (SELECT customer_id FROM cust) GROUP BY customer_id
),
universe AS (
  SELECT DISTINCT d, customer_id FROM (
    SELECT d, customer_id FROM billed_native UNION ALL SELECT d, customer_id FROM open_native
  )
),
rates AS (
  SELECT d, currency, rate_on(currency, d) AS rate FROM (
    SELECT DISTINCT d, currency FROM (
      SELECT d, currency FROM open_native UNION ALL SELECT d, currency FROM billed_native
      UNION ALL SELECT d, currency FROM write_offs_native
      UNION ALL SELECT u.d, c.currency FROM universe u JOIN cust c USING (customer_id)
    )
  )
),
open_base AS (
  SELECT o.d, o.customer_id,
         sum(o.positive * r.rate) AS positive, sum(o.credit * r.rate) AS credit,
         sum(o.overdue * r.rate) AS overdue, sum(o.overdue_90 * r.rate) AS overdue_90,
         min(o.currency || ' on ' || o.d) FILTER (WHERE r.rate IS NULL) AS missing_rate
  FROM open_native o JOIN rates r USING (d, currency) GROUP BY ALL
),
billed_base AS (
  SELECT b.d, b.customer_id,
         sum(b.billed_24m * r.rate) AS billed_24m, sum(b.billed_12m * r.rate) AS billed_12m,
         sum(b.disputed_12m * r.rate) AS disputed_12m, sum(b.invoices_12m) AS invoices_12m,
         sum(b.paid_12m) AS paid_12m, sum(b.partial_12m) AS partial_12m
  FROM billed_native b JOIN rates r USING (d, currency) GROUP BY ALL
),
write_offs_base AS (
  SELECT w.d, w.customer_id, sum(w.amount * r.rate) AS amount
  FROM write_offs_native w JOIN rates r USING (d, currency) GROUP BY ALL
),
factors AS (
  SELECT u.d, u.customer_id,
         ((coalesce(s.wp24, 0) + coalesce(pd.wp, 0)) / nullif(coalesce(s.w24, 0) + coalesce(pd.w, 0), 0))::DOUBLE AS payment_index,
         (coalesce(s.settled_invoices, 0) + coalesce(pd.experiences, 0))::INTEGER AS experiences,
         coalesce(s.settled_invoices, 0)::INTEGER AS settled_invoices,
         ((coalesce(s.wd_recent, 0) + coalesce(pd.wd, 0)) / nullif(coalesce(s.w_recent, 0) + coalesce(pd.w, 0), 0))::DOUBLE AS dbt_recent,
         (s.wd_prior / nullif(s.w_prior, 0))::DOUBLE AS dbt_prior,
         (s.wd_12m / nullif(s.w_12m, 0))::DOUBLE AS dbt_12m,
         (coalesce(o.positive, 0) + coalesce(o.credit, 0))::DOUBLE AS ar,
         coalesce(o.overdue, 0)::DOUBLE AS overdue,
         coalesce(o.overdue_90, 0)::DOUBLE AS overdue_90,
         (o.overdue / nullif(o.positive, 0))::DOUBLE AS overdue_share,
         (coalesce(o.overdue_90, 0) / nullif(o.positive, 0))::DOUBLE AS overdue_90_share,
         (c.credit_limit * cr.rate)::DOUBLE AS credit_limit,
         CASE WHEN c.credit_limit > 0 THEN ((coalesce(o.positive, 0) + coalesce(o.credit, 0)) / (c.credit_limit * cr.rate))::DOUBLE END AS utilisation,
         (coalesce(b.disputed_12m, 0) / nullif(b.billed_12m, 0))::DOUBLE AS dispute_share,
         (b.partial_12m / nullif(b.paid_12m, 0))::DOUBLE AS partial_share,
         -- Write-offs may concern invoices billed before the window: never more than 100%.
         (coalesce(wo.amount, 0) / nullif(greatest(coalesce(b.billed_24m, 0), coalesce(wo.amount, 0)), 0))::DOUBLE AS write_off_share,
         datediff('month', f.first_date, u.d)::INTEGER AS tenure_months,
         coalesce(b.invoices_12m, 0)::INTEGER AS invoices_12m,
         coalesce(sm.missing_rate, pd.missing_rate, o.missing_rate,
                  CASE WHEN c.credit_limit IS NOT NULL AND cr.rate IS NULL THEN c.currency || ' on ' || u.d END) AS missing_rate
  FROM universe u
  JOIN cust c ON c.customer_id = u.customer_id
  JOIN first_invoice f ON f.customer_id = u.customer_id AND f.first_date <= u.d
  LEFT JOIN settled_by_day s ON s.d = u.d AND s.customer_id = u.customer_id
  LEFT JOIN settled_missing_rate sm ON sm.d = u.d AND sm.customer_id = u.customer_id
  LEFT JOIN past_due pd ON pd.d = u.d AND pd.customer_id = u.customer_id
  LEFT JOIN open_base o ON o.d = u.d AND o.customer_id = u.customer_id
  LEFT JOIN billed_base b ON b.d = u.d AND b.customer_id = u.customer_id
  LEFT JOIN write_offs_base wo ON wo.d = u.d AND wo.customer_id = u.customer_id
  LEFT JOIN rates cr ON cr.d = u.d AND cr.currency = c.currency
)
-- The date by its position in $dates, no names (text is the slowest kind of column to read into
-- JS) and the factors as one list in the order of src/lib/server/risk/factors.ts, FACTOR_COLUMNS
-- (one list reads several times faster than a column each).
SELECT days.date_index, x.customer_id, x.missing_rate,
       [payment_index, experiences, settled_invoices, dbt_recent, dbt_prior, dbt_12m, ar, overdue, overdue_90,
        overdue_share, overdue_90_share, credit_limit, utilisation, dispute_share, partial_share, write_off_share,
        tenure_months, invoices_12m]::DOUBLE[] AS factors
FROM factors x JOIN days USING (d)
ORDER BY x.d, x.customer_id;
