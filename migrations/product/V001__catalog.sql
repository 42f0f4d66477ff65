-- The catalog: a category tree, products, their variants (the unit of stock), and stock
-- reservations. Portable SQL: runs unchanged on SQLite 3.40 and PostgreSQL 15.

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES categories (id),
  -- Materialised path of ids, "/<root>/<child>/", so "this category and everything below
  -- it" is one LIKE prefix match instead of a recursive query.
  path TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,  -- UUIDv7: time-ordered, so "newest" is ORDER BY id DESC
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  brand TEXT NOT NULL,
  category_id TEXT NOT NULL REFERENCES categories (id),
  price BIGINT NOT NULL,  -- minor units
  compare_at_price BIGINT,
  currency TEXT NOT NULL,
  images TEXT NOT NULL,      -- JSON array of image keys or absolute URLs
  attributes TEXT NOT NULL,  -- JSON object
  status TEXT NOT NULL,      -- active | draft | archived
  popularity BIGINT NOT NULL DEFAULT 0,
  rating DOUBLE PRECISION,
  -- Bumped by every change, stock included; events carry it so consumers (search) apply
  -- each product's events idempotently and never let an older state overwrite a newer one.
  revision BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One index per public sort, each ending in id: the keyset pagination's tie-breaker.
CREATE INDEX products_newest ON products (status, id);
CREATE INDEX products_price ON products (status, price, id);
CREATE INDEX products_popular ON products (status, popularity, id);
CREATE INDEX products_name ON products (status, name, id);
CREATE INDEX products_category ON products (category_id);

CREATE TABLE variants (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  price BIGINT NOT NULL,
  attributes TEXT NOT NULL,
  stock BIGINT NOT NULL,               -- units on hand
  reserved BIGINT NOT NULL DEFAULT 0,  -- held by active reservations
  position INTEGER NOT NULL,
  CHECK (stock >= 0),
  CHECK (reserved >= 0),
  -- The oversell guard of last resort; reserve() already checks with a conditional UPDATE.
  CHECK (reserved <= stock)
);

CREATE INDEX variants_product ON variants (product_id, position);

CREATE TABLE reservations (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,  -- active | committed | released
  reference TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX reservations_expiry ON reservations (status, expires_at);

CREATE TABLE reservation_items (
  reservation_id TEXT NOT NULL REFERENCES reservations (id),
  variant_id TEXT NOT NULL REFERENCES variants (id),
  quantity BIGINT NOT NULL,
  PRIMARY KEY (reservation_id, variant_id)
);
