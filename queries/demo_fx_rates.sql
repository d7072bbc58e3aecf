-- Demo FX rates for every day: EUR around 1.08 and CNY around 0.14 USD, each a random walk of
-- hashed daily steps pinned to its anchor at both ends (a Brownian bridge), so it wanders
-- smoothly but stays near the anchor.
INSERT INTO fx_rates (date, currency, rate_to_base, import_id)
WITH bounds AS (
  SELECT ($end::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE AS first_day, $end::DATE AS last_day
),
steps AS (
  SELECT c.currency, c.anchor, c.volatility, b.first_day + k::INTEGER AS date, k + 1 AS t, b.last_day - b.first_day + 1 AS n,
         (hash($seed::INTEGER, c.currency, k, 'fx') % 2001)::BIGINT - 1000 AS step
  FROM (VALUES ('EUR', 1.08, 0.006), ('CNY', 0.14, 0.003)) c(currency, anchor, volatility),
       bounds b, range(0, b.last_day - b.first_day + 1) r(k)
),
walks AS (
  SELECT *, sum(step) OVER (PARTITION BY currency ORDER BY date) AS walked,
         sum(step) OVER (PARTITION BY currency) AS walked_total
  FROM steps
)
SELECT date, currency,
       round(anchor * exp((walked - t / n * walked_total) / 1000 * volatility), 6)::DECIMAL(18,8),
       $import_id::INTEGER
FROM walks;
