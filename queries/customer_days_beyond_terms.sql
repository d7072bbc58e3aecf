-- One customer's invoices settled in (S, D], binned by days beyond terms: bin k holds the
-- invoices with at least $bin_edges[k] days and fewer than the next edge (bin 0: on time), each
-- with its count, its amount in the base currency at the invoice date's rate and its share of
-- the amount of all bins. Only bins that hold invoices. Weights and days are those of the
-- settled_between macro (what dbt averages), with the customer chosen before the rates are
-- looked up: the macro would look them up for the whole book's settled invoices.
WITH settled AS (
  SELECT invoice_id, currency, invoice_date, amount, greatest(0, settle_date - due_date) AS days_beyond_terms
  FROM invoice_status
  WHERE customer_id = $customer_id AND settle_date > $start::DATE AND settle_date <= $as_of::DATE
),
rates AS (
  SELECT currency, invoice_date, rate_on(currency, invoice_date) AS rate
  FROM (SELECT DISTINCT currency, invoice_date FROM settled)
),
bins AS (
  SELECT len(list_filter($bin_edges::INTEGER[], e -> s.days_beyond_terms >= e)) AS bin,
         count(*) AS invoices,
         sum(s.amount * r.rate) AS amount,
         min(s.currency || ' on ' || s.invoice_date) FILTER (WHERE r.rate IS NULL) AS missing_rate
  FROM settled s JOIN rates r USING (currency, invoice_date)
  GROUP BY ALL
)
SELECT bin::INTEGER AS bin, invoices::INTEGER AS invoices, amount::DOUBLE AS amount,
       (amount / nullif(sum(amount) OVER (), 0))::DOUBLE AS share,
       missing_rate
FROM bins
ORDER BY bin;
