-- Which change last wrote an order: the conditional status change sets it, and its history
-- row and event are inserted only where the order carries it, so the whole change goes to
-- the server with its COMMIT in one round trip (docs/checkout.md, "What a checkout costs").
ALTER TABLE orders ADD COLUMN change_token TEXT;
