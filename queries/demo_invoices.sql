-- Demo invoices over the three years to $end. Each day has a weight (weekdays, month ends,
-- the fourth quarter, 15% yearly growth) and gets its share of $invoices, numbered in date
-- order. Each month's invoices are shared among the customers active in it (some join later,
-- some leave, defaulters stop being billed) by size, and a customer's k-th invoice of the
-- month takes a number from a fixed permutation of the month's (a*x + b mod n), so that its
-- invoices spread over the month. Both sides number the invoices, so that a plain equi-join
-- on that number (no search per invoice) dates them: fast enough for 10M invoices.
INSERT INTO invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, import_id)
WITH bounds AS (
  SELECT ($end::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE AS first_day, $end::DATE AS last_day
),
days AS (
  SELECT d, datediff('month', first_day, d) AS m,
         round(1000
           * CASE WHEN isodow(d) >= 6 THEN 0.15 ELSE 1 END
           * CASE WHEN d > last_day(d) - 3 THEN 2.2 ELSE 1 END
           * CASE WHEN month(d) IN (10, 11, 12) THEN 1.25 ELSE 1 END
           * (1 + 0.15 * (d - first_day) / 365.0))::BIGINT AS w
  FROM (SELECT first_day + k::INTEGER AS d, first_day FROM bounds, range(0, last_day - first_day + 1) r(k))
),
day_totals AS (
  SELECT d, m, (sum(w) OVER (ORDER BY d) - w)::BIGINT AS before, sum(w) OVER (ORDER BY d)::BIGINT AS through,
         sum(w) OVER ()::BIGINT AS total
  FROM days
),
-- Invoices i = first_i .. next_i - 1 (0-based) fall on day d.
day_invoices AS (
  SELECT d, unnest(range(before * $invoices::BIGINT // total, through * $invoices::BIGINT // total)) AS i
  FROM day_totals
),
month_slots AS (
  SELECT m, min(before) * $invoices::BIGINT // max(total) AS first_i,
         max(through) * $invoices::BIGINT // max(total) - min(before) * $invoices::BIGINT // max(total) AS n
  FROM day_totals GROUP BY m
),
-- x -> (a * x + b) mod n permutes 0 .. n - 1 when a is coprime to n: 1000003 and 1000033
-- are primes, so one of them is.
month_permutations AS (
  SELECT m, first_i, n, CASE WHEN n % 1000003 = 0 THEN 1000033 ELSE 1000003 END AS a,
         (hash($seed::INTEGER, m, 'month') % greatest(n, 1))::BIGINT AS b
  FROM month_slots
),
months AS (
  SELECT m, count(*) OVER () AS month_count FROM month_slots
),
people AS (
  SELECT c.customer_id, c.currency, c.payment_terms_days AS terms, c.segment, p.profile, p.deteriorate_from,
         -- A logistic draw (inverse CDF) scaled to unit spread: the customer's size on a log scale.
         greatest(-3, least(3, ln(u_size / (1 - u_size)) * 0.5513)) AS z_size,
         hash($seed::INTEGER, c.customer_id, 'since') % 1000000 / 1e6 AS u_since,
         hash($seed::INTEGER, c.customer_id, 'churn') % 1000000 / 1e6 AS u_churn,
         hash($seed::INTEGER, c.customer_id, 'leave') % 1000000 / 1e6 AS u_leave
  FROM customers c
  JOIN demo_profiles p ON p.customer_id = c.customer_id,
  LATERAL (SELECT (hash($seed::INTEGER, c.customer_id, 'size') % 999999 + 1) / 1e6 AS u_size)
),
lifetimes AS (
  SELECT *,
         CASE WHEN customer_id = 'C000001' OR u_since < 0.6 OR profile IN ('deteriorating', 'defaulting') THEN 0
              ELSE floor((u_since - 0.6) / 0.4 * (month_count - 3)) END AS first_m,
         CASE WHEN profile = 'defaulting' THEN datediff('month', first_day, deteriorate_from + 110)
              WHEN profile IN ('on_time', 'late_payer', 'early_payer') AND u_churn < 0.10 AND customer_id <> 'C000001'
                THEN first_m + 6 + floor(u_leave * greatest(0, month_count - first_m - 6))
              ELSE month_count END AS last_m,
         round(1000 * CASE segment WHEN 'Enterprise' THEN 6 WHEN 'Mid-market' THEN 2.5 WHEN 'Public sector' THEN 2 ELSE 1 END
                    * exp(0.7 * z_size))::BIGINT AS w,
         -- The customers in a shuffled order, which decides who is billed next to whom.
         row_number() OVER (ORDER BY hash($seed::INTEGER, customer_id, 'order'), customer_id) AS place
  FROM people, bounds, (SELECT max(month_count) AS month_count FROM months)
),
-- Sorted by one integer key (month, then place), so that a single running sum serves all months.
customer_months AS (
  SELECT mo.m, l.customer_id, l.w, mo.m * 1048576 + l.place AS sort_key
  FROM lifetimes l JOIN months mo ON mo.m BETWEEN l.first_m AND l.last_m
),
month_weights AS (
  SELECT m, total, (sum(total) OVER (ORDER BY m) - total)::BIGINT AS earlier
  FROM (SELECT m, sum(w)::BIGINT AS total FROM customer_months GROUP BY m)
),
-- A customer gets positions x_first .. x_next - 1 of its month's n invoices, by weight.
customer_slots AS (
  SELECT cm.m, cm.customer_id, ms.first_i, ms.n, ms.a, ms.b,
         (cm.running - mw.earlier - cm.w) * ms.n // mw.total AS x_first,
         (cm.running - mw.earlier) * ms.n // mw.total AS x_next
  FROM (SELECT *, sum(w) OVER (ORDER BY sort_key ROWS UNBOUNDED PRECEDING)::BIGINT AS running FROM customer_months) cm
  JOIN month_weights mw ON mw.m = cm.m
  JOIN month_permutations ms ON ms.m = cm.m
),
numbered AS (
  SELECT p.customer_id, p.currency, p.terms, p.segment, p.profile, p.deteriorate_from, p.z_size,
         s.first_i + (s.a * s.x + s.b) % s.n AS i
  FROM (SELECT *, unnest(range(x_first, x_next)) AS x FROM customer_slots WHERE x_next > x_first) s
  JOIN people p ON p.customer_id = s.customer_id
),
picked AS (
  SELECT k.*, s.d,
         (hash($seed::INTEGER, k.i, 'amount') % 999999 + 1) / 1e6 AS u_amount,
         hash($seed::INTEGER, k.i, 'round') % 1000000 / 1e6 AS u_round,
         hash($seed::INTEGER, k.i, 'dispute') % 1000000 / 1e6 AS u_dispute
  FROM numbered k
  JOIN day_invoices s ON s.i = k.i
),
priced AS (
  SELECT *,
         CASE segment WHEN 'Enterprise' THEN 24000 WHEN 'Mid-market' THEN 5500 WHEN 'Public sector' THEN 8000 ELSE 1100 END
           * CASE currency WHEN 'EUR' THEN 0.92 WHEN 'CNY' THEN 7.1 ELSE 1 END
           * exp(0.6 * z_size + 0.75 * greatest(-4, least(4, ln(u_amount / (1 - u_amount)) * 0.5513))) AS raw_amount
  FROM picked
)
SELECT 'INV' || lpad((i + 1)::VARCHAR, 8, '0'), customer_id, d, d + terms,
       -- Small buyers are often billed flat fees in whole tens.
       greatest(5, CASE WHEN segment = 'Small business' AND u_round < 0.3 THEN round(raw_amount, -1)
                        ELSE round(raw_amount, 2) END)::DECIMAL(18,2),
       currency,
       u_dispute < CASE
         WHEN profile IN ('deteriorating', 'defaulting') AND d >= deteriorate_from THEN 0.12
         WHEN profile IN ('chronic_late', 'defaulting') THEN 0.06
         WHEN profile IN ('late_payer', 'deteriorating') THEN 0.025
         WHEN profile = 'early_payer' THEN 0.005
         ELSE 0.01 END,
       $import_id::INTEGER
FROM priced
-- In key (and date) order: DuckDB's primary-key index takes sorted keys much faster, and
-- later queries by date skip whole row groups.
ORDER BY i;
