-- The dispatcher's question, what is due, in next_attempt_at order: with the status in the
-- index's predicate instead of its key, it is an ordered scan that stops at the LIMIT. The
-- (status, next_attempt_at) index it replaces made every poll read and sort each queued row,
-- so a backlog slowed every poll (2.4 ms a poll behind a burst of 4,000 emails).
DROP INDEX deliveries_due;
CREATE INDEX deliveries_pending ON deliveries (next_attempt_at, id)
  WHERE status IN ('queued', 'failed');
