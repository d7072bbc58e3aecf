-- Duesight data model: the receivables history of one company, as of any date.
-- Money is DECIMAL(18,2); identifiers are text; every row remembers the import that brought it.
-- Primary keys and checks are declared here. References (an invoice's customer, a payment's
-- invoice) are enforced by the import validation, which rejects such rows with their row and
-- column: DuckDB's FOREIGN KEY checks cost several seconds per million rows written.

CREATE TABLE IF NOT EXISTS settings (
  key   VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;

CREATE TABLE IF NOT EXISTS import_log (
  import_id   INTEGER PRIMARY KEY,
  kind        VARCHAR NOT NULL,
  file_name   VARCHAR NOT NULL,
  sha256      VARCHAR NOT NULL,
  rows        INTEGER NOT NULL,
  accepted    INTEGER NOT NULL,
  rejected    INTEGER NOT NULL,
  inserted    INTEGER NOT NULL,
  status      VARCHAR NOT NULL CHECK (status IN ('imported', 'rejected', 'unchanged')),
  user_name   VARCHAR,
  started_at  TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS customers (
  customer_id        VARCHAR PRIMARY KEY,
  name               VARCHAR NOT NULL,
  segment            VARCHAR,
  region             VARCHAR,
  country            VARCHAR,
  currency           VARCHAR NOT NULL,
  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days >= 0),
  credit_limit       DECIMAL(18,2) CHECK (credit_limit >= 0),
  import_id          INTEGER
);

CREATE TABLE IF NOT EXISTS invoices (
  invoice_id   VARCHAR PRIMARY KEY,
  customer_id  VARCHAR NOT NULL,   -- a customers.customer_id
  invoice_date DATE NOT NULL,
  due_date     DATE NOT NULL,
  amount       DECIMAL(18,2) NOT NULL CHECK (amount > 0),
  currency     VARCHAR NOT NULL,
  disputed     BOOLEAN NOT NULL DEFAULT false,
  import_id    INTEGER,
  CHECK (due_date >= invoice_date)
);

CREATE TABLE IF NOT EXISTS payments (
  payment_id   VARCHAR PRIMARY KEY,
  customer_id  VARCHAR NOT NULL,   -- a customers.customer_id
  invoice_id   VARCHAR,            -- an invoices.invoice_id, or NULL for unapplied cash
  payment_date DATE NOT NULL,
  amount       DECIMAL(18,2) NOT NULL CHECK (amount > 0),
  method       VARCHAR,
  import_id    INTEGER,
  -- Derived, never imported: the invoice's currency, or the customer's for unapplied cash.
  currency     VARCHAR
);

CREATE TABLE IF NOT EXISTS adjustments (
  adjustment_id VARCHAR PRIMARY KEY,
  invoice_id    VARCHAR NOT NULL,  -- an invoices.invoice_id
  date          DATE NOT NULL,
  amount        DECIMAL(18,2) NOT NULL CHECK (amount > 0),
  kind          VARCHAR NOT NULL CHECK (kind IN ('credit_note', 'write_off', 'discount')),
  import_id     INTEGER,
  -- Derived, never imported: the invoice's customer and currency.
  customer_id   VARCHAR,
  currency      VARCHAR
);

CREATE TABLE IF NOT EXISTS fx_rates (
  date         DATE NOT NULL,
  currency     VARCHAR NOT NULL,
  rate_to_base DECIMAL(18,8) NOT NULL CHECK (rate_to_base > 0),
  import_id    INTEGER,
  PRIMARY KEY (date, currency)
);

-- Derived, one row per invoice, rebuilt for the invoices an import touches: the invoice's own
-- (immutable) terms beside three dates. Open amounts only fall as payments and adjustments
-- arrive, so these dates say everything about an invoice's open amount at any D: before
-- first_event_date it is the full amount; it reaches <= 0 on settle_date ("settled",
-- spec/kpis.md) and turns negative (a credit) on overpaid_date. Only invoices between the
-- first two need their events summed, and as-of queries read this one table without a join.
-- No key: rows are replaced (deleted, then inserted) a whole invoice at a time.
CREATE TABLE IF NOT EXISTS invoice_status (
  invoice_id       VARCHAR NOT NULL,
  customer_id      VARCHAR NOT NULL,
  invoice_date     DATE NOT NULL,
  due_date         DATE NOT NULL,
  amount           DECIMAL(18,2) NOT NULL,
  currency         VARCHAR NOT NULL,
  disputed         BOOLEAN NOT NULL,
  first_event_date DATE,
  settle_date      DATE,
  overpaid_date    DATE
);

-- Invoices whose settlement must be recomputed at the end of the current write transaction.
CREATE TABLE IF NOT EXISTS settlement_queue (
  invoice_id VARCHAR NOT NULL
);

-- Which behaviour the demo generator planted for each of its customers (empty for real
-- data), so that backtests can check whether scores and warnings found the planted ones.
-- deteriorate_from: when a deteriorating or defaulting customer's payments begin to slip.
CREATE TABLE IF NOT EXISTS demo_profiles (
  customer_id      VARCHAR PRIMARY KEY,
  profile          VARCHAR NOT NULL,
  deteriorate_from DATE
);

-- ── Logins, sessions and the audit log (auth) ────────────────────────────────────────────────
-- Who may sign in. The password is never stored: only its scrypt hash, the salt, and the
-- parameters it was made with (so they can be raised later without breaking old passwords).
CREATE TABLE IF NOT EXISTS users (
  name          VARCHAR PRIMARY KEY,
  role          VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'cfo', 'auditor')),
  password_hash VARCHAR NOT NULL,
  password_salt VARCHAR NOT NULL,
  password_kdf  VARCHAR NOT NULL,   -- e.g. 'scrypt:N=32768,r=8,p=1'
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created       TIMESTAMP NOT NULL
);

-- Signed-in browsers. Only the SHA-256 of each session token is kept, so a copy of the file
-- opens no session. A session ends at `expires` (absolute) or after an idle spell since last_seen.
CREATE TABLE IF NOT EXISTS sessions (
  token_hash VARCHAR PRIMARY KEY,
  user_name  VARCHAR NOT NULL,      -- a users.name
  created    TIMESTAMP NOT NULL,
  last_seen  TIMESTAMP NOT NULL,
  expires    TIMESTAMP NOT NULL
);

-- Append-only record of who did what: logins, failed logins, imports, exports, user and setting
-- changes. Each entry's hash is the SHA-256 of the previous entry's hash and this entry's
-- content (src/lib/server/audit.ts), so an edit or a deletion breaks the chain. Times are UTC.
CREATE TABLE IF NOT EXISTS audit_log (
  seq       BIGINT PRIMARY KEY,     -- 1, 2, 3, … without gaps
  at_utc    TIMESTAMP NOT NULL,     -- when, in UTC
  actor     VARCHAR NOT NULL,       -- a user name, 'cli:<OS user>', or the name tried at a failed login
  role      VARCHAR,                -- the actor's role, when known
  via       VARCHAR NOT NULL CHECK (via IN ('cli', 'web')),
  action    VARCHAR NOT NULL,       -- e.g. 'login', 'login_failed', 'import', 'export', 'user_add'
  target    VARCHAR,                -- what it acted on: a file, a user, a report
  params    VARCHAR NOT NULL,       -- canonical JSON (keys sorted)
  outcome   VARCHAR NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed', 'rejected')),
  detail    VARCHAR,
  prev_hash VARCHAR NOT NULL,
  hash      VARCHAR NOT NULL
);
-- ── end of logins, sessions and the audit log ────────────────────────────────────────────────
