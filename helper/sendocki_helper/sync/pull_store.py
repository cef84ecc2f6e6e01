"""Applying pulled pages to the local store: upserts by remote id, deletions, and the cursor.

One transaction per batch of pages, cursor included, so an interrupted pull resumes where it stopped.
Raw SQL with executemany: the first pull writes hundreds of thousands of rows.
Catalog search follows by itself: its FTS index is kept by triggers on products and variants.
"""

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from sendocki_helper import clock
from sendocki_helper.ids import new_id, new_ids
from sendocki_helper.services import phones, settings
from sendocki_helper.store.fields import to_centimes
from sendocki_helper.store.models import SyncCursor, database_proxy
from sendocki_helper.sync import pull_orders
from sendocki_helper.sync.chunked import rows_in_chunks
from sendocki_helper.sync.records import (
    CustomerRecord,
    FeedPage,
    PersonRecord,
    ProductRecord,
    StageRecord,
    Tombstone,
)

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
CACHE_KIB = 64 * 1024  # an upper bound: SQLite only allocates pages it reads

PeopleApply = Callable[[sqlite3.Connection, list[PersonRecord], list[str]], None]


def get_cursor(feed: str) -> str | None:
    row = SyncCursor.get_or_none(SyncCursor.resource == feed)
    return row.cursor if row else None


def reset_cursors() -> None:
    SyncCursor.delete().execute()


def apply_pages(feed: str, pages: list[FeedPage]) -> None:
    """Consecutive pages of one feed, in order, in one transaction with the last page's cursor."""
    conn = database_proxy.connection()
    # A first pull touches tens of MB of index pages; with SQLite's default 2 MB cache they
    # would be evicted and written to the WAL again and again within one transaction.
    if conn.execute("PRAGMA cache_size").fetchone()[0] > -CACHE_KIB:
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    with database_proxy.atomic():
        for page in pages:
            live = [r for r in page.records if not isinstance(r, Tombstone)]
            gone = [r.remote_id for r in page.records if isinstance(r, Tombstone)]
            APPLIERS[feed](conn, live, gone)
        (
            SyncCursor.insert(
                resource=feed, cursor=pages[-1].next_cursor, updated_at=clock.now_iso()
            )
            .on_conflict_replace()
            .execute()
        )


def _json(value: object, empty: str) -> str:
    # Most customers have no tags: skipping json.dumps for them saves seconds on a first pull.
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else empty


def _existing(conn: sqlite3.Connection, table: str, remote_ids: list[str]) -> set[str]:
    return {
        r[0]
        for r in rows_in_chunks(
            conn,
            remote_ids,
            lambda marks: f"SELECT remote_id FROM {table} WHERE remote_id IN ({marks})",
        )
    }


def _adopted_by_sku(conn: sqlite3.Connection, products: list[ProductRecord]) -> set[str]:
    """Remote ids of products about to adopt a local product of the same SKU (demo, standalone)."""
    by_sku = {p.sku: p.remote_id for p in products}
    return {
        by_sku[r[0]]
        for r in rows_in_chunks(
            conn,
            list(by_sku),
            lambda marks: f"SELECT sku FROM products WHERE remote_id IS NULL AND sku IN ({marks})",
        )
    }


# --- catalog -----------------------------------------------------------------------------------

PRODUCT_UPSERT = """
INSERT INTO products (id, sku, name, kind, price, cost, active, remote_id, updated_at, image_url)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (remote_id) DO UPDATE SET sku = excluded.sku, name = excluded.name, kind = excluded.kind,
    price = excluded.price, cost = excluded.cost, active = excluded.active,
    updated_at = excluded.updated_at, image_url = excluded.image_url
ON CONFLICT (sku) DO UPDATE SET remote_id = excluded.remote_id, name = excluded.name, kind = excluded.kind,
    price = excluded.price, cost = excluded.cost, active = excluded.active,
    updated_at = excluded.updated_at, image_url = excluded.image_url
"""
VARIANT_UPSERT = """
INSERT INTO variants (id, product_id, sku, name, attributes, price, available, active, remote_id, updated_at)
VALUES (?, (SELECT id FROM products WHERE remote_id = ?), ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (remote_id) DO UPDATE SET product_id = excluded.product_id, sku = excluded.sku,
    name = excluded.name, attributes = excluded.attributes, price = excluded.price,
    available = excluded.available, active = excluded.active, updated_at = excluded.updated_at
ON CONFLICT (sku) DO UPDATE SET remote_id = excluded.remote_id, product_id = excluded.product_id,
    name = excluded.name, attributes = excluded.attributes, price = excluded.price,
    available = excluded.available, active = excluded.active, updated_at = excluded.updated_at
"""


def _apply_catalog(
    conn: sqlite3.Connection, products: list[ProductRecord], gone: list[str]
) -> None:
    now = clock.now_iso()
    known = _existing(conn, "products", [p.remote_id for p in products])
    known |= _adopted_by_sku(conn, products)
    product_rows = [
        (
            pid,
            p.sku,
            p.name,
            p.kind,
            to_centimes(p.price),
            to_centimes(p.cost),
            int(p.active),
            p.remote_id,
            now,
            p.image_url,
        )
        for pid, p in zip(new_ids("p", len(products)), products, strict=True)
    ]
    variants = [(p, v) for p in products for v in p.variants]
    variant_rows = [
        (
            vid,
            p.remote_id,
            v.sku,
            v.name,
            _json(v.attributes, "{}"),
            to_centimes(v.price),
            v.available,
            int(v.active),
            v.remote_id,
            now,
        )
        for vid, (p, v) in zip(new_ids("v", len(variants)), variants, strict=True)
    ]
    _upsert(conn, PRODUCT_UPSERT, product_rows, "products", sku_at=1)
    for p in products:
        if p.remote_id in known:
            _drop_missing_variants(conn, p)
    _upsert(conn, VARIANT_UPSERT, variant_rows, "variants", sku_at=2)
    for remote_id in gone:
        row = conn.execute("SELECT id FROM products WHERE remote_id = ?", (remote_id,)).fetchone()
        if row:
            _delete_product(conn, row[0])


def _upsert(conn: sqlite3.Connection, sql: str, rows: list[tuple], table: str, sku_at: int) -> None:
    try:
        conn.executemany(sql, rows)
    except Exception as error:  # sqlite3.IntegrityError: a SKU moved to another item
        if "UNIQUE" not in str(error):
            raise
        for row in rows:
            try:
                conn.execute(sql, row)
            except Exception as row_error:
                if "UNIQUE" not in str(row_error):
                    raise
                # The new SKU still sits on another item whose own change comes later in the feed:
                # that item goes now and comes back with its new SKU.
                holder = conn.execute(
                    f"SELECT id FROM {table} WHERE sku = ?", (row[sku_at],)
                ).fetchone()
                if holder and table == "products":
                    _delete_product(conn, holder[0])
                elif holder:
                    _delete_variants(conn, [holder[0]])
                conn.execute(sql, row)


def _drop_missing_variants(conn: sqlite3.Connection, product: ProductRecord) -> None:
    """Variants the API no longer lists under this product are gone upstream."""
    keep = {v.remote_id for v in product.variants}
    local = conn.execute(
        "SELECT v.id, v.remote_id FROM variants v JOIN products p ON p.id = v.product_id"
        " WHERE p.remote_id = ?",
        (product.remote_id,),
    ).fetchall()
    _delete_variants(conn, [vid for vid, rid in local if rid not in keep])


def _delete_variants(conn: sqlite3.Connection, variant_ids: list[str]) -> None:
    for vid in variant_ids:
        # Order lines keep their SKU and name as they were; only the link goes.
        conn.execute("UPDATE order_lines SET variant_id = NULL WHERE variant_id = ?", (vid,))
        conn.execute("DELETE FROM variants WHERE id = ?", (vid,))


def _delete_product(conn: sqlite3.Connection, product_id: str) -> None:
    variant_ids = [
        r[0] for r in conn.execute("SELECT id FROM variants WHERE product_id = ?", (product_id,))
    ]
    _delete_variants(conn, variant_ids)
    conn.execute("UPDATE order_lines SET product_id = NULL WHERE product_id = ?", (product_id,))
    conn.execute("DELETE FROM products WHERE id = ?", (product_id,))


# --- customers ---------------------------------------------------------------------------------

CUSTOMER_UPSERT = """
INSERT INTO customers (id, name, phone, email, tags, remote_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (remote_id) DO UPDATE SET name = excluded.name, phone = excluded.phone,
    email = excluded.email, tags = excluded.tags, updated_at = excluded.updated_at
ON CONFLICT (id) DO UPDATE SET remote_id = excluded.remote_id, name = excluded.name,
    phone = excluded.phone, email = excluded.email, tags = excluded.tags, updated_at = excluded.updated_at
"""
ADDRESS_UPSERT = """
INSERT INTO addresses (id, customer_id, line, city, remote_id, created_at)
VALUES (?, (SELECT id FROM customers WHERE remote_id = ?), ?, ?, ?, ?)
ON CONFLICT (remote_id) DO UPDATE SET customer_id = excluded.customer_id, line = excluded.line,
    city = excluded.city
ON CONFLICT (id) DO UPDATE SET remote_id = excluded.remote_id, line = excluded.line, city = excluded.city
"""


def _phone(raw: str | None, region: str) -> str | None:
    if not raw or E164.match(raw):
        return raw  # the contract sends E.164; parsing 200 000 valid numbers would cost seconds
    try:
        return phones.normalise(raw, region)
    except phones.PhoneError:
        return None


def _apply_customers(
    conn: sqlite3.Connection, customers: list[CustomerRecord], gone: list[str]
) -> None:
    now = clock.now_iso()
    region = settings.get("default_region") or "MA"
    known = _existing(conn, "customers", [c.remote_id for c in customers])
    # A client reference is the id this (or another) helper gave the card: adopting it links
    # the card an order created to the one the pull brings, instead of making a twin.
    conn.executemany(
        CUSTOMER_UPSERT,
        [
            (
                c.client_reference or cid,
                c.name,
                _phone(c.phone, region),
                c.email,
                _json(c.tags, "[]"),
                c.remote_id,
                now,
                now,
            )
            for cid, c in zip(new_ids("c", len(customers)), customers, strict=True)
        ],
    )
    for c in customers:
        if c.remote_id in known:
            _drop_missing_addresses(conn, c)
    addresses = [(c, a) for c in customers for a in c.addresses]
    conn.executemany(
        ADDRESS_UPSERT,
        [
            (a.client_reference or aid, c.remote_id, a.line, a.city, a.remote_id, now)
            for aid, (c, a) in zip(new_ids("a", len(addresses)), addresses, strict=True)
        ],
    )
    for remote_id in gone:
        _forget_customer(conn, remote_id)


def _drop_missing_addresses(conn: sqlite3.Connection, customer: CustomerRecord) -> None:
    keep = {a.remote_id for a in customer.addresses}
    rows = conn.execute(
        "SELECT a.id, a.remote_id FROM addresses a JOIN customers c ON c.id = a.customer_id"
        " WHERE c.remote_id = ? AND a.remote_id IS NOT NULL",
        (customer.remote_id,),
    ).fetchall()
    for address_id, remote_id in rows:
        if remote_id not in keep:
            _drop_address(conn, address_id)


def _drop_address(conn: sqlite3.Connection, address_id: str) -> None:
    if conn.execute("SELECT 1 FROM orders WHERE address_id = ? LIMIT 1", (address_id,)).fetchone():
        conn.execute(
            "UPDATE addresses SET remote_id = NULL WHERE id = ?", (address_id,)
        )  # orders keep it
    else:
        conn.execute("DELETE FROM addresses WHERE id = ?", (address_id,))


def _forget_customer(conn: sqlite3.Connection, remote_id: str) -> None:
    row = conn.execute("SELECT id FROM customers WHERE remote_id = ?", (remote_id,)).fetchone()
    if row is None:
        return
    customer_id = row[0]
    if conn.execute(
        "SELECT 1 FROM orders WHERE customer_id = ? LIMIT 1", (customer_id,)
    ).fetchone():
        # Its orders still need it: it stays as a local card.
        conn.execute("UPDATE addresses SET remote_id = NULL WHERE customer_id = ?", (customer_id,))
        conn.execute("UPDATE customers SET remote_id = NULL WHERE id = ?", (customer_id,))
        return
    conn.execute(
        "UPDATE conversations SET customer_id = NULL WHERE customer_id = ?", (customer_id,)
    )
    conn.execute("DELETE FROM addresses WHERE customer_id = ?", (customer_id,))
    conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))


# --- pipeline, agents, teams -------------------------------------------------------------------


def _apply_stages(conn: sqlite3.Connection, stages: list[StageRecord], gone: list[str]) -> None:
    for s in stages:
        values = (
            s.name,
            s.color,
            s.position,
            s.state,
            int(s.active),
            s.description,
            s.message_template,
            int(s.automated),
        )
        _adopt_by_name(conn, "stages", s.remote_id, s.name)
        updated = conn.execute(
            "UPDATE stages SET name = ?, color = ?, position = ?, state = ?, active = ?, description = ?,"
            " message_template = ?, automated = ? WHERE remote_id = ?",
            (*values, s.remote_id),
        ).rowcount
        if not updated:
            conn.execute(
                "INSERT INTO stages (id, name, color, position, state, active, description,"
                " message_template, automated, remote_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_id("s"), *values, s.remote_id),
            )
    _deactivate(conn, "stages", gone)


def _people(table: str, prefix: str) -> PeopleApply:
    def apply(conn: sqlite3.Connection, people: list[PersonRecord], gone: list[str]) -> None:
        for p in people:
            _adopt_by_name(conn, table, p.remote_id, p.name)
            updated = conn.execute(
                f"UPDATE {table} SET name = ?, active = ? WHERE remote_id = ?",
                (p.name, int(p.active), p.remote_id),
            ).rowcount
            if not updated:
                conn.execute(
                    f"INSERT INTO {table} (id, name, active, remote_id) VALUES (?, ?, ?, ?)",
                    (new_id(prefix), p.name, int(p.active), p.remote_id),
                )
        _deactivate(conn, table, gone)

    return apply


def _adopt_by_name(conn: sqlite3.Connection, table: str, remote_id: str, name: str) -> None:
    """A row made locally (standalone mode, demo) with the same name becomes the remote one."""
    if conn.execute(f"SELECT 1 FROM {table} WHERE remote_id = ?", (remote_id,)).fetchone():
        return
    conn.execute(
        f"UPDATE {table} SET remote_id = ? WHERE id = (SELECT id FROM {table}"
        f" WHERE remote_id IS NULL AND lower(name) = lower(?) ORDER BY id LIMIT 1)",
        (remote_id, name),
    )


def _deactivate(conn: sqlite3.Connection, table: str, remote_ids: list[str]) -> None:
    # Orders still point at them, and Sendocki itself prefers deactivation to deletion.
    conn.executemany(
        f"UPDATE {table} SET active = 0 WHERE remote_id = ?", [(r,) for r in remote_ids]
    )


# Each takes the live records of its feed (the record type of that feed) and the removed ids.
APPLIERS: dict[str, Callable[[sqlite3.Connection, list[Any], list[str]], None]] = {
    "orders": pull_orders.apply_orders,
    "catalog": _apply_catalog,
    "customers": _apply_customers,
    "stages": _apply_stages,
    "agents": _people("agents", "ag"),
    "teams": _people("teams", "tm"),
}
