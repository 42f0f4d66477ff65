-- Which transition last moved a reservation: its stock change applies only where the
-- reservation carries it, so committing a reservation is one round trip.
ALTER TABLE reservations ADD COLUMN change_token TEXT;
