-- The order service's tables: orders with their lines, status history and applied refunds,
-- and the Idempotency-Key claims of POST /v2/orders. Portable SQL: SQLite 3.40 and
-- PostgreSQL 15. Money in minor units of the order's currency.

CREATE TABLE orders (
  id TEXT PRIMARY KEY,  -- UUIDv7: time-ordered, so newest first is ORDER BY id DESC
  number TEXT NOT NULL UNIQUE,
  user_id TEXT,         -- NULL: a guest checkout
  cart_id TEXT,         -- the guest cart to empty once paid
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  subtotal BIGINT NOT NULL,
  shipping BIGINT NOT NULL,
  tax BIGINT NOT NULL,
  total BIGINT NOT NULL,
  refunded BIGINT NOT NULL DEFAULT 0,
  shipping_address TEXT NOT NULL,  -- JSON object
  payment_provider TEXT NOT NULL,
  payment_status TEXT NOT NULL,
  payment_id TEXT,
  client_secret TEXT,
  approval_url TEXT,
  reservation_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  carrier TEXT,
  tracking_number TEXT,
  -- Work owed to other services after the last status change (fulfil | cancel): done
  -- right away, and again from the order.* event or the sweeper until it succeeds.
  pending_effect TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (total = subtotal + shipping + tax),
  CHECK (refunded >= 0 AND refunded <= total)
);

CREATE INDEX orders_user ON orders (user_id, id);
CREATE INDEX orders_status ON orders (status, id);
CREATE INDEX orders_expiry ON orders (status, expires_at);
CREATE INDEX orders_effects ON orders (pending_effect, updated_at);

CREATE TABLE order_items (
  order_id TEXT NOT NULL REFERENCES orders (id),
  position INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  variant_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  unit_price BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  line_total BIGINT NOT NULL,
  PRIMARY KEY (order_id, position)
);

CREATE TABLE order_status_history (
  order_id TEXT NOT NULL REFERENCES orders (id),
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (order_id, seq)
);

-- Each refund the payment service reports is applied once, whichever path reports it first.
CREATE TABLE order_refunds (
  refund_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  amount BIGINT NOT NULL,
  at TEXT NOT NULL
);

-- One row per (caller, Idempotency-Key). The primary key is what makes ten concurrent
-- requests with one key create one order: exactly one INSERT wins the claim.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,        -- user:<id> or cart:<guest cart id>
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,  -- SHA-256 of the request body
  order_id TEXT,              -- set in the transaction that creates the order
  claim_token TEXT NOT NULL,  -- who is working on it now
  claimed_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, idem_key)
);
