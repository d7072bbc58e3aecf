-- The payment behaviour planted for each demo customer. Profiles are dealt by rank of a hash
-- draw, so every book, however small, holds its exact share of each story; deteriorating
-- customers start slipping 90-180 days before the end, defaulting ones a year or more before.
INSERT INTO demo_profiles (customer_id, profile, deteriorate_from)
WITH ranked AS (
  SELECT customer_id, segment,
         (row_number() OVER (ORDER BY hash($seed::INTEGER, customer_id, 'profile'), customer_id) - 0.5)
           / count(*) OVER () AS q,
         hash($seed::INTEGER, customer_id, 'decline') % 1000000 / 1e6 AS u_decline
  FROM customers
),
profiled AS (
  SELECT *,
         CASE
           WHEN q < 0.03 THEN 'deteriorating'
           -- Public bodies do not go bust; they just pay slowly.
           WHEN q < 0.05 THEN CASE WHEN segment = 'Public sector' THEN 'chronic_late' ELSE 'defaulting' END
           WHEN q < 0.15 THEN 'chronic_late'
           WHEN q < 0.32 THEN 'late_payer'
           WHEN q < 0.40 THEN 'early_payer'
           ELSE 'on_time'
         END AS profile
  FROM ranked
),
bounds AS (
  SELECT ($end::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE AS first_day, $end::DATE AS last_day
)
SELECT customer_id, profile,
       CASE profile
         WHEN 'deteriorating' THEN last_day - (90 + floor(u_decline * 91))::INTEGER
         WHEN 'defaulting' THEN first_day + (120 + floor(u_decline * ((last_day - first_day) - 450)))::INTEGER
       END
FROM profiled, bounds;
