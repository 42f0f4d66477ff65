-- Deliveries: every email the notification service owes someone, with its sending state.
-- (event_id, template) is unique, so one event never queues the same email twice.
-- Times are RFC 3339 UTC strings of fixed width: they compare as text on both dialects.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  user_id TEXT,
  channel TEXT NOT NULL,
  template TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  sensitive BOOLEAN NOT NULL DEFAULT FALSE,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  last_error TEXT,
  provider TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (event_id, template)
);
-- The dispatcher's question: what is due?
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
-- GET /v2/notifications (newest first; ids are time-ordered UUIDv7).
CREATE INDEX deliveries_user ON deliveries (user_id, id);
-- GET /v2/admin/notifications?status
CREATE INDEX deliveries_status ON deliveries (status, id);
