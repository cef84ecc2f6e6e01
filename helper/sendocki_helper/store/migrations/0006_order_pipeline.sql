-- Orders follow their stage after creation (docs/pipeline.md).
-- origin: 'local' (made by this helper) or 'sendocki' (pulled: made in Sendocki's web app or by a
-- teammate's helper). created_by_agent_id: who created it. external_number: the number the
-- creating tool gave it (a teammate's WA-…), shown next to Sendocki's own.
ALTER TABLE orders ADD COLUMN origin TEXT NOT NULL DEFAULT 'local';
ALTER TABLE orders ADD COLUMN created_by_agent_id TEXT REFERENCES agents (id);
ALTER TABLE orders ADD COLUMN pairing_id TEXT;
ALTER TABLE orders ADD COLUMN external_number TEXT;
ALTER TABLE orders ADD COLUMN stage_changed_at TEXT;
-- A move Sendocki did not take (it moved the order meanwhile): what the agent is told, as JSON
-- {"code", "message", "wanted_stage_id", "at"}; cleared by the next move that goes through.
ALTER TABLE orders ADD COLUMN stage_issue TEXT;
CREATE INDEX orders_remote ON orders (remote_id);
CREATE INDEX orders_stage ON orders (stage_id, seq, total);

-- Every stage an order entered, its creation included (from_stage_id NULL). origin 'local': a
-- move made here (pairing_id says which browser); 'sendocki': a change the pull brought.
-- client_reference: a local move's own id, which Sendocki keeps with the change.
CREATE TABLE order_stage_changes (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_stage_id TEXT REFERENCES stages (id),
    to_stage_id TEXT NOT NULL REFERENCES stages (id),
    at TEXT NOT NULL,
    origin TEXT NOT NULL,
    pairing_id TEXT,
    agent_id TEXT REFERENCES agents (id),
    client_reference TEXT
);
CREATE INDEX order_stage_changes_order ON order_stage_changes (order_id, at);

-- The agent a paired browser works as (chosen at pairing); orders it creates carry that agent.
ALTER TABLE pairings ADD COLUMN agent_id TEXT REFERENCES agents (id);
-- Sendocki sends this stage's message itself: the product prepares nothing on a move into it.
ALTER TABLE stages ADD COLUMN automated INTEGER NOT NULL DEFAULT 0;

-- The pipeline view's search (name, number, phone, order number) over every order, through FTS5.
-- rowid = orders.rowid. `numbers`: the order's numbers, and each without its prefix and zeros
-- ("WA-000123 123"), so "123" finds it; `phone`: the customer's E.164 digits.
CREATE VIRTUAL TABLE order_search USING fts5(
    numbers, customer, phone, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN
    INSERT INTO order_search (rowid, numbers, customer, phone)
    SELECT new.rowid,
        new.number || ' ' || ltrim(substr(new.number, instr(new.number, '-') + 1), '0')
            || ' ' || coalesce(new.remote_number, '') || ' ' || coalesce(new.external_number, ''),
        c.name, coalesce(substr(c.phone, 2), '')
    FROM customers c WHERE c.id = new.customer_id;
END;
CREATE TRIGGER order_search_update AFTER UPDATE OF number, remote_number, external_number, customer_id
ON orders WHEN old.remote_number IS NOT new.remote_number OR old.number IS NOT new.number
    OR old.external_number IS NOT new.external_number OR old.customer_id IS NOT new.customer_id
BEGIN
    DELETE FROM order_search WHERE rowid = old.rowid;
    INSERT INTO order_search (rowid, numbers, customer, phone)
    SELECT new.rowid,
        new.number || ' ' || ltrim(substr(new.number, instr(new.number, '-') + 1), '0')
            || ' ' || coalesce(new.remote_number, '') || ' ' || coalesce(new.external_number, ''),
        c.name, coalesce(substr(c.phone, 2), '')
    FROM customers c WHERE c.id = new.customer_id;
END;
CREATE TRIGGER order_search_delete AFTER DELETE ON orders BEGIN
    DELETE FROM order_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER order_search_customer AFTER UPDATE OF name, phone ON customers
WHEN old.name IS NOT new.name OR old.phone IS NOT new.phone BEGIN
    UPDATE order_search SET customer = new.name, phone = coalesce(substr(new.phone, 2), '')
    WHERE rowid IN (SELECT rowid FROM orders WHERE customer_id = new.id);
END;
INSERT INTO order_search (rowid, numbers, customer, phone)
SELECT o.rowid,
    o.number || ' ' || ltrim(substr(o.number, instr(o.number, '-') + 1), '0')
        || ' ' || coalesce(o.remote_number, '') || ' ' || coalesce(o.external_number, ''),
    c.name, coalesce(substr(c.phone, 2), '')
FROM orders o JOIN customers c ON c.id = o.customer_id;
CREATE INDEX orders_created ON orders (created_at);
