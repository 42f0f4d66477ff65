-- The cart service keeps its carts in the embedded key-value adapter (adapters/kv/sql): one
-- row per key, a version for compare-and-set, and an optional expiry in milliseconds since
-- the epoch (NULL = never). When the Redis adapter is configured instead, this table stays empty.
CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX kv_expires_at ON kv (expires_at);
