-- Which status change last wrote a payment: its event is inserted only where the payment
-- carries it, so the change and its event go with the COMMIT in one round trip.
ALTER TABLE payments ADD COLUMN change_token TEXT;
