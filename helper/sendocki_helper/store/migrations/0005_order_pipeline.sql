-- Orders follow their stage after creation (docs/pipeline.md).
-- origin: 'local' (made by this helper) or 'sendocki' (pulled: made in Sendocki's web app or by a
-- teammate's helper). created_by_agent_id: who created it. external_number: the number the
-- creating tool gave it (a teammate's WA-…), shown next to Sendocki's own.
ALTER TABLE orders ADD COLUMN origin TEXT NOT NULL DEFAULT 'local';
ALTER TABLE orders ADD COLUMN created_by_agent_id TEXT REFERENCES agents (id);
ALTER TABLE orders ADD COLUMN pairing_id TEXT;
ALTER TABLE orders ADD COLUMN external_number TEXT;
ALTER TABLE orders ADD COLUMN stage_changed_at TEXT;
CREATE INDEX orders_remote ON orders (remote_id);
CREATE INDEX orders_stage ON orders (stage_id, seq);

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
