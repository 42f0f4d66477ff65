-- The payment service's tables: one payment per order, its refunds, and the ledger the
-- built-in `test` provider keeps (it plays a remote provider, so it must remember what it
-- charged across restarts, as Stripe does). Webhook event ids are de-duplicated in
-- processed_events (created with the outbox). Portable SQL: SQLite 3.40 and PostgreSQL 15.
-- Never a card number: only the last four digits.

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL UNIQUE,  -- one payment per order: never charge twice
  order_number TEXT NOT NULL,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,  -- pending|succeeded|failed|cancelled|partially_refunded|refunded
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  refunded BIGINT NOT NULL DEFAULT 0,         -- refunds that succeeded
  refund_reserved BIGINT NOT NULL DEFAULT 0,  -- refunds that succeeded or are in flight
  email TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,  -- what the provider saw on create
  provider_payment_id TEXT,
  stripe_payment_method TEXT,
  card_last4 TEXT,
  client_secret TEXT,
  approval_url TEXT,
  capture_id TEXT,
  failure_code TEXT,
  failure_message TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (amount > 0),
  CHECK (refunded >= 0 AND refunded <= refund_reserved AND refund_reserved <= amount)
);

CREATE UNIQUE INDEX payments_provider_id ON payments (provider, provider_payment_id);
CREATE INDEX payments_pending ON payments (status, updated_at);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL REFERENCES payments (id),
  idempotency_key TEXT NOT NULL UNIQUE,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,  -- pending|succeeded|failed
  provider_refund_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (amount > 0)
);

CREATE INDEX refunds_payment ON refunds (payment_id, created_at);
CREATE INDEX refunds_pending ON refunds (status, updated_at);

CREATE TABLE test_provider_intents (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,  -- requires_confirmation|succeeded|failed|cancelled
  card_last4 TEXT,
  decline_code TEXT,
  refunded BIGINT NOT NULL DEFAULT 0,
  confirmations INTEGER NOT NULL DEFAULT 0,  -- captures actually made: at most 1
  created_at TEXT NOT NULL
);

CREATE TABLE test_provider_refunds (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  intent_id TEXT NOT NULL REFERENCES test_provider_intents (id),
  amount BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
