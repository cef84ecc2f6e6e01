"""Writing and reading the workspace's synced entities; every write moves the entity's `seq`."""

import json
import secrets
import sqlite3

from sendocki_sandbox import money
from sendocki_sandbox.clock import now
from sendocki_sandbox.db import next_value


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(6)}"


def touch(conn: sqlite3.Connection, table: str, entity_id: str) -> None:
    conn.execute(
        f"UPDATE {table} SET seq = ? WHERE id = ?", (next_value(conn, "change"), entity_id)
    )


def bury(conn: sqlite3.Connection, feed: str, table: str, entity_id: str) -> None:
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (entity_id,))
    conn.execute(
        "INSERT OR REPLACE INTO tombstones (feed, id, seq) VALUES (?, ?, ?)",
        (feed, entity_id, next_value(conn, "change")),
    )


# --- catalog -----------------------------------------------------------------------------------


def add_product(
    conn,
    sku: str,
    name: str,
    price: int,
    variants: list[dict] | None = None,
    stock: int = 0,
    cost: int | None = None,
    images: list[str] | None = None,
) -> str:
    """`variants`: dicts with sku, name, attributes, price (cents or None), available.

    A simple product (no variants given) gets one variant with its own SKU, holding its stock.
    """
    product_id = new_id("prod")
    kind = "variable" if variants else "simple"
    conn.execute(
        "INSERT INTO products (id, sku, name, kind, price, cost, active, updated_at, seq, images)"
        " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
        (
            product_id,
            sku,
            name,
            kind,
            price,
            cost,
            now(),
            next_value(conn, "change"),
            json.dumps(images or []),
        ),
    )
    for v in variants or [
        {"sku": sku, "name": name, "attributes": {}, "price": None, "available": stock}
    ]:
        conn.execute(
            "INSERT INTO variants (id, product_id, sku, name, attributes, price, available, active)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
            (
                new_id("var"),
                product_id,
                v["sku"],
                v["name"],
                json.dumps(v.get("attributes") or {}),
                v.get("price"),
                int(v.get("available", 0)),
            ),
        )
    return product_id


def product_entry(row, variants) -> dict:
    return {
        "id": row["id"],
        "deleted": False,
        "sku": row["sku"],
        "name": row["name"],
        "kind": row["kind"],
        "price": money.to_text(row["price"]),
        "cost": money.to_text(row["cost"]),
        "active": bool(row["active"]),
        "images": json.loads(row["images"]),
        "updated_at": row["updated_at"],
        "variants": [
            {
                "id": v["id"],
                "sku": v["sku"],
                "name": v["name"],
                "attributes": json.loads(v["attributes"]),
                "price": money.to_text(v["price"]),
                "available": v["available"],
                "active": bool(v["active"]),
            }
            for v in variants
        ],
    }


# --- customers ---------------------------------------------------------------------------------


def add_customer(
    conn,
    name: str,
    phone: str | None,
    email: str | None = None,
    addresses: list[tuple[str, str]] = (),
    tags: list[str] = (),
    client_reference: str | None = None,
) -> str:
    customer_id = new_id("cus")
    stamp = now()
    conn.execute(
        "INSERT INTO customers (id, name, phone, email, tags, client_reference, created_at, updated_at, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            customer_id,
            name,
            phone,
            email,
            json.dumps(list(tags)),
            client_reference,
            stamp,
            stamp,
            next_value(conn, "change"),
        ),
    )
    for line, city in addresses:
        add_address(conn, customer_id, line, city)
    return customer_id


def add_address(
    conn, customer_id: str, line: str, city: str, client_reference: str | None = None
) -> str:
    address_id = new_id("adr")
    conn.execute(
        "INSERT INTO addresses (id, customer_id, line, city, client_reference, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (address_id, customer_id, line, city, client_reference, now()),
    )
    touch(conn, "customers", customer_id)
    return address_id


def customer_entry(row, addresses) -> dict:
    return {
        "id": row["id"],
        "deleted": False,
        "name": row["name"],
        "phone": row["phone"],
        "email": row["email"],
        "tags": json.loads(row["tags"]),
        "client_reference": row["client_reference"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "addresses": [
            {
                "id": a["id"],
                "line": a["line"],
                "city": a["city"],
                "client_reference": a["client_reference"],
            }
            for a in addresses
        ],
    }


# --- pipeline and people -----------------------------------------------------------------------


def add_stage(conn, name, color, position, state, message_template=None) -> str:
    stage_id = new_id("stg")
    conn.execute(
        "INSERT INTO stages (id, name, color, position, state, active, description, message_template, seq)"
        " VALUES (?, ?, ?, ?, ?, 1, NULL, ?, ?)",
        (stage_id, name, color, position, state, message_template, next_value(conn, "change")),
    )
    return stage_id


def stage_entry(row, _children=()) -> dict:
    return {
        "id": row["id"],
        "deleted": False,
        "name": row["name"],
        "color": row["color"],
        "position": row["position"],
        "state": row["state"],
        "active": bool(row["active"]),
        "description": row["description"],
        "message_template": row["message_template"],
        "automated_message": bool(row["automated_message"]),
    }


def add_person(conn, table: str, prefix: str, name: str) -> str:
    person_id = new_id(prefix)
    conn.execute(
        f"INSERT INTO {table} (id, name, active, seq) VALUES (?, ?, 1, ?)",
        (person_id, name, next_value(conn, "change")),
    )
    return person_id


def person_entry(row, _children=()) -> dict:
    return {"id": row["id"], "deleted": False, "name": row["name"], "active": bool(row["active"])}


ENTRY_BUILDERS = {
    "catalog": product_entry,
    "customers": customer_entry,
    "stages": stage_entry,
    "agents": person_entry,
    "teams": person_entry,
}
