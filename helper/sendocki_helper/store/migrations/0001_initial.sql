-- First released schema. Money columns are integer minor units (centimes): exact, summable.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    remote_id TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE addresses (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    line TEXT NOT NULL,
    city TEXT NOT NULL,
    remote_id TEXT UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX addresses_customer ON addresses (customer_id);

CREATE TABLE products (
    id TEXT PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'simple',
    price INTEGER NOT NULL,
    cost INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    remote_id TEXT UNIQUE,
    updated_at TEXT NOT NULL
);

CREATE TABLE variants (
    id TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    price INTEGER,
    available INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    remote_id TEXT UNIQUE,
    updated_at TEXT NOT NULL
);
CREATE INDEX variants_product ON variants (product_id);

CREATE TABLE stages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    position INTEGER NOT NULL,
    state TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    message_template TEXT,
    remote_id TEXT UNIQUE
);

CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    remote_id TEXT UNIQUE
);

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    remote_id TEXT UNIQUE
);

CREATE TABLE conversations (
    chat_key TEXT PRIMARY KEY,
    display_name TEXT,
    customer_id TEXT REFERENCES customers (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    address_id TEXT REFERENCES addresses (id),
    stage_id TEXT NOT NULL REFERENCES stages (id),
    payment_method TEXT NOT NULL,
    payment_status TEXT NOT NULL,
    agent_id TEXT REFERENCES agents (id),
    team_id TEXT REFERENCES teams (id),
    note TEXT,
    catalog_total INTEGER NOT NULL,
    lines_total INTEGER NOT NULL,
    total INTEGER NOT NULL,
    currency TEXT NOT NULL,
    conversation_key TEXT REFERENCES conversations (chat_key),
    sync_state TEXT NOT NULL DEFAULT 'local',
    remote_id TEXT,
    remote_number TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    automation_message TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, created_at);
CREATE INDEX orders_conversation ON orders (conversation_key, created_at);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    variant_id TEXT REFERENCES variants (id),
    product_id TEXT REFERENCES products (id),
    sku TEXT,
    name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    catalog_unit_price INTEGER,
    unit_price INTEGER NOT NULL,
    line_total INTEGER NOT NULL
);
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    depends_on INTEGER REFERENCES outbox (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    payload_json TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    lease_until TEXT,
    first_attempt_at TEXT,
    last_status INTEGER,
    last_error TEXT,
    remote_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE idempotency_keys (
    id INTEGER PRIMARY KEY,
    pairing_id TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response_json TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    UNIQUE (pairing_id, key)
);

CREATE TABLE pairings (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    origin TEXT,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE pairing_codes (
    id INTEGER PRIMARY KEY,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE sync_cursors (
    resource TEXT PRIMARY KEY,
    cursor TEXT,
    updated_at TEXT NOT NULL
);
