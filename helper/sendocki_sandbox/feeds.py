"""Delta feeds: entities and tombstones with seq > cursor, oldest change first, one page at a time."""

import base64
import sqlite3
from collections import defaultdict

from sendocki_sandbox.db import FEED_TABLES
from sendocki_sandbox.entities import ENTRY_BUILDERS
from sendocki_sandbox.pipeline import CHANGE_ROWS, ORDER_ROWS, order_entry

BUILDERS = {**ENTRY_BUILDERS, "orders": order_entry}
# Feeds whose entries read more than their own table's row.
ROW_QUERIES = {"orders": ORDER_ROWS}

MAX_LIMIT = 1000
# Children travel inside their parent's entry, so a parent is complete in every page.
CHILDREN = {
    "catalog": ("SELECT * FROM variants WHERE product_id IN ({}) ORDER BY sku", "product_id"),
    "customers": (
        "SELECT * FROM addresses WHERE customer_id IN ({}) ORDER BY created_at, id",
        "customer_id",
    ),
    "orders": (CHANGE_ROWS, "order_id"),
}


class BadCursor(ValueError):
    pass


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, seq = text.partition(":")
        if version != "v1" or int(seq) < 0:
            raise ValueError
        return int(seq)
    except (ValueError, UnicodeDecodeError):
        raise BadCursor("the cursor is not one this API issued") from None


def read_page(
    conn: sqlite3.Connection, feed: str, cursor: str | None, limit: int, count: bool
) -> dict:
    table = FEED_TABLES[feed]
    after = decode_cursor(cursor)
    changes = conn.execute(
        f"SELECT seq, id, 0 AS deleted FROM {table} WHERE seq > ?"
        " UNION ALL SELECT seq, id, 1 FROM tombstones WHERE feed = ? AND seq > ?"
        " ORDER BY seq LIMIT ?",
        (after, feed, after, limit + 1),
    ).fetchall()
    has_more = len(changes) > limit
    changes = changes[:limit]
    live_ids = [c["id"] for c in changes if not c["deleted"]]
    rows = _rows_by_id(
        conn, ROW_QUERIES.get(feed, f"SELECT * FROM {table} WHERE id IN ({{}})"), live_ids
    )
    children = _children_by_parent(conn, feed, live_ids)
    build = BUILDERS[feed]
    data = [
        {"id": c["id"], "deleted": True}
        if c["deleted"]
        else build(rows[c["id"]], children[c["id"]])
        for c in changes
    ]
    last = changes[-1]["seq"] if changes else after
    page = {"data": data, "next_cursor": encode_cursor(last), "has_more": has_more}
    if count:
        page["remaining"] = conn.execute(
            f"SELECT (SELECT count(*) FROM {table} WHERE seq > ?)"
            " + (SELECT count(*) FROM tombstones WHERE feed = ? AND seq > ?)",
            (last, feed, last),
        ).fetchone()[0]
    return page


def _rows_by_id(conn, query: str, ids: list[str]) -> dict:
    rows = {}
    for chunk in _chunks(ids):
        for row in conn.execute(query.format(",".join("?" * len(chunk))), chunk):
            rows[row["id"]] = row
    return rows


def _children_by_parent(conn, feed: str, ids: list[str]) -> dict:
    found = defaultdict(list)
    if feed not in CHILDREN:
        return found
    query, parent_column = CHILDREN[feed]
    for chunk in _chunks(ids):
        for row in conn.execute(query.format(",".join("?" * len(chunk))), chunk):
            found[row[parent_column]].append(row)
    return found


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]
