"""The sandbox's own SQLite file: schema, and the change sequence every delta feed reads.

Every write to a synced entity takes the next value of one global counter into the row's `seq`
(deletions into a tombstone), so a feed is "rows with seq > cursor, in seq order".
"""

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS products (
    id TEXT PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    price INTEGER NOT NULL, cost INTEGER, active INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL, seq INTEGER NOT NULL, images TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS products_seq ON products (seq);
CREATE TABLE IF NOT EXISTS variants (
    id TEXT PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}',
    price INTEGER, available INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS variants_product ON variants (product_id);
CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT, email TEXT, tags TEXT NOT NULL DEFAULT '[]',
    client_reference TEXT UNIQUE, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS customers_seq ON customers (seq);
CREATE TABLE IF NOT EXISTS addresses (
    id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    line TEXT NOT NULL, city TEXT NOT NULL, client_reference TEXT UNIQUE, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS addresses_customer ON addresses (customer_id);
CREATE TABLE IF NOT EXISTS stages (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL, position INTEGER NOT NULL,
    state TEXT, active INTEGER NOT NULL DEFAULT 1, description TEXT, message_template TEXT,
    automated_message INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS stages_seq ON stages (seq);
CREATE TABLE IF NOT EXISTS agents (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS agents_seq ON agents (seq);
CREATE TABLE IF NOT EXISTS teams (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS teams_seq ON teams (seq);
CREATE TABLE IF NOT EXISTS tombstones (
    feed TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (feed, id));
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones (feed, seq);
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, client_reference TEXT,
    idempotency_key TEXT, customer_id TEXT NOT NULL, address_id TEXT, stage_id TEXT NOT NULL,
    total INTEGER NOT NULL, body TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL,
    created_by TEXT, updated_at TEXT NOT NULL, seq INTEGER NOT NULL);
-- Unique in code, not here: tests may switch uniqueness off to prove the client needs no help.
CREATE INDEX IF NOT EXISTS orders_client_reference ON orders (client_reference);
CREATE INDEX IF NOT EXISTS orders_seq ON orders (seq);
-- Every stage an order entered, its creation included (from_stage_id NULL).
CREATE TABLE IF NOT EXISTS stage_changes (
    id INTEGER PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id),
    from_stage_id TEXT, to_stage_id TEXT NOT NULL, at TEXT NOT NULL, agent_id TEXT,
    client_reference TEXT, source TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stage_changes_order ON stage_changes (order_id, id);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    answer TEXT NOT NULL, created_at TEXT NOT NULL);
"""

# Feed name -> the table holding its entities.
FEED_TABLES = {
    "catalog": "products",
    "customers": "customers",
    "stages": "stages",
    "agents": "agents",
    "teams": "teams",
    "orders": "orders",
}
SCHEMA_VERSION = 2  # 2: orders travel in a feed and keep their stage history


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    _refuse_older_file(conn, path)
    conn.executescript(SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(products)")}
    if "images" not in columns:  # a sandbox folder made before product photos
        conn.execute("ALTER TABLE products ADD COLUMN images TEXT NOT NULL DEFAULT '[]'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("INSERT OR IGNORE INTO counters (name, value) VALUES ('change', 0), ('order', 0)")
    return conn


class OlderDataDir(RuntimeError):
    pass


def _refuse_older_file(conn: sqlite3.Connection, path: Path) -> None:
    """The sandbox holds development data only: a file from an older sandbox is not upgraded."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
    if has_tables and version < SCHEMA_VERSION:
        conn.close()
        raise OlderDataDir(
            f"{path} was written by an older sandbox (schema {version}, now {SCHEMA_VERSION}):"
            " start with an empty --data-dir"
        )


def next_value(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(
        "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value", (name,)
    ).fetchone()[0]


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
