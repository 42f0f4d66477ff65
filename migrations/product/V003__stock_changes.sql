-- Products whose stock moved since their last inventory.changed. A reservation, on every
-- checkout's path, only marks its products here (with the revision it made); a background
-- pass publishes one event per marked product, however many reservations marked it, and
-- removes a mark only if the event it wrote carries that revision (docs/catalog.md,
-- "Stock events").
CREATE TABLE stock_changes (
  product_id TEXT PRIMARY KEY,
  revision BIGINT NOT NULL
);
