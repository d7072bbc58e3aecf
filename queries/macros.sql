-- Building blocks shared by the KPI, aging and risk queries (spec/kpis.md), so that each
-- definition is written once. Re-created whenever the database is opened for writing.

-- The base currency of the book: every KPI is reported in it.
CREATE OR REPLACE MACRO base_currency() AS
  coalesce((SELECT max(value) FROM settings WHERE key = 'base_currency'), 'USD');

-- The rate of `ccy` on `day`: the latest rate dated on or before it; 1 for the base
-- currency; NULL when none exists (callers turn that into an error, never a silent 1).
-- DECIMAL(38,8) so that money x rate is DECIMAL(38,10): exact, and no overflow on large sums.
CREATE OR REPLACE MACRO rate_on(ccy, day) AS
  CASE WHEN ccy = base_currency() THEN 1::DECIMAL(38,8)
       ELSE (SELECT arg_max(f.rate_to_base, f.date) FROM fx_rates f WHERE f.currency = ccy AND f.date <= day)::DECIMAL(38,8)
  END;

-- The customers a view is narrowed to; a NULL argument means "any".
CREATE OR REPLACE MACRO customers_in(seg, reg, ccy, cust) AS TABLE
  SELECT * FROM customers
  WHERE (seg IS NULL OR segment = seg)
    AND (reg IS NULL OR region = reg)
    AND (ccy IS NULL OR currency = ccy)
    AND (cust IS NULL OR customer_id = cust);

-- open(i, d) <> 0 for every invoice booked at d, for each day d of `dates`, in the invoice's
-- own currency, for the customers of customers_in(seg, reg, ccy, cust) (NULLs: all).
-- Drives everything from invoice_status: an invoice is open at d before its settle date, and a
-- credit from its overpaid date on; only those with events before d (a partial payment, a
-- credit note) need their events summed.
CREATE OR REPLACE MACRO open_positions(dates, seg, reg, ccy, cust) AS TABLE
  WITH days AS (
    SELECT DISTINCT unnest(dates) AS d
  ),
  -- list_min/list_max are constants for the planner, so this filter runs inside the scan.
  -- The customer filter applies here, before the expansion by day, with the customers as the
  -- small side of the join.
  candidates AS (
    SELECT * FROM invoice_status
    WHERE (settle_date IS NULL OR settle_date > list_min(dates) OR overpaid_date IS NOT NULL)
      AND invoice_date <= list_max(dates)
      AND customer_id IN (SELECT customer_id FROM customers_in(seg, reg, ccy, cust))
  ),
  -- Three disjoint cases, each a plain range join DuckDB runs as a merge join (an OR in the
  -- join condition would make it compare every invoice with every day).
  pairs AS (
    SELECT c.*, days.d FROM candidates c JOIN days ON c.invoice_date <= days.d
    WHERE c.settle_date IS NULL
    UNION ALL
    SELECT c.*, days.d FROM candidates c JOIN days ON c.invoice_date <= days.d AND c.settle_date > days.d
    WHERE c.settle_date IS NOT NULL
    UNION ALL
    -- Overpaid: a credit from then on (overpaid_date >= settle_date, so never twice).
    SELECT c.*, days.d FROM candidates c JOIN days ON c.overpaid_date <= days.d
    WHERE c.overpaid_date IS NOT NULL
  ),
  partial AS (
    SELECT DISTINCT invoice_id FROM pairs WHERE first_event_date <= d
  ),
  events AS (
    SELECT p.invoice_id, p.payment_date AS date, p.amount FROM payments p SEMI JOIN partial x ON x.invoice_id = p.invoice_id
    UNION ALL
    SELECT a.invoice_id, a.date, a.amount FROM adjustments a SEMI JOIN partial x ON x.invoice_id = a.invoice_id
  ),
  reduced AS (
    SELECT p.invoice_id, p.d, sum(e.amount) AS amount
    FROM pairs p JOIN events e ON e.invoice_id = p.invoice_id AND e.date <= p.d
    WHERE p.first_event_date <= p.d
    GROUP BY p.invoice_id, p.d
  )
  SELECT p.d, p.invoice_id, p.customer_id, p.currency, p.invoice_date, p.due_date, p.amount, p.disputed,
         p.amount - coalesce(r.amount, 0) AS open
  FROM pairs p LEFT JOIN reduced r ON r.invoice_id = p.invoice_id AND r.d = p.d;

-- Payments applied to no invoice, per customer, dated on or before each day d of `dates`
-- (in the customer's currency).
CREATE OR REPLACE MACRO unapplied_cash_at(dates) AS TABLE
  SELECT days.d, p.customer_id, sum(p.amount) AS amount
  FROM payments p JOIN (SELECT DISTINCT unnest(dates) AS d) days ON p.payment_date <= days.d
  WHERE p.invoice_id IS NULL
  GROUP BY days.d, p.customer_id;

-- The aging bucket of an invoice open at d: 0 = current (due basis) or 0-e1 (invoice basis),
-- then one bucket per edge passed. The age is dpd = d - due (due basis) or d - invoice date.
CREATE OR REPLACE MACRO bucket_index(d, due_date, invoice_date, edges, basis) AS
  CASE WHEN basis = 'invoice' THEN len(list_filter(edges, e -> d - invoice_date > e))
       WHEN d - due_date <= 0 THEN 0
       ELSE 1 + len(list_filter(edges, e -> d - due_date > e))
  END;

-- Invoices settled in (after, up_to], each with its weight (amount in the base currency at the
-- invoice date's rate, an exact DECIMAL so that sums do not depend on their order; NULL when
-- that rate is missing) and its days beyond terms and to pay.
CREATE OR REPLACE MACRO settled_between(after, up_to) AS TABLE
  WITH settled AS (
    SELECT invoice_id, customer_id, currency, invoice_date, due_date, amount, settle_date
    FROM invoice_status
    WHERE settle_date > after AND settle_date <= up_to
  ),
  rates AS (
    SELECT currency, invoice_date, rate_on(currency, invoice_date) AS rate
    FROM (SELECT DISTINCT currency, invoice_date FROM settled)
  )
  SELECT s.*, s.amount * r.rate AS weight,
         greatest(0, s.settle_date - s.due_date) AS days_beyond_terms,
         s.settle_date - s.invoice_date AS days_to_pay,
         s.settle_date <= s.due_date AS on_time
  FROM settled s JOIN rates r USING (currency, invoice_date);
