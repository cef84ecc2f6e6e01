"""Applying the orders feed: Sendocki's stage, stage history, creator, lines and totals.

An order this helper created (its client reference is a local order id) is adopted: it gains
Sendocki's id and number and follows Sendocki's stage, except while a move made here is still on
its way (the outbox sends it and settles the stage). An order created elsewhere (Sendocki's web
app, a teammate's helper) becomes a local order of origin 'sendocki' on the card the customers
feed brought, linked to that customer's WhatsApp chat when one is known here.

Raw SQL on the writer's connection, inside pull_store's transaction.
"""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sendocki_helper.ids import new_ids
from sendocki_helper.services import outbox
from sendocki_helper.store.fields import to_centimes
from sendocki_helper.sync.chunked import rows_in_chunks
from sendocki_helper.sync.records import OrderRecord

# Outbox rows that carry a move made here and not yet settled by Sendocki's answer.
MOVE_KINDS = (str(outbox.OutboxKind.ORDER_MOVE),)
UNSETTLED = tuple(str(status) for status in outbox.ACTIVE)


@dataclass
class LocalOrder:
    id: str
    origin: str
    stage_id: str


def _by_remote(
    conn: sqlite3.Connection,
    table: str,
    remote_ids: Iterable[str | None],
    columns: str = "remote_id, id",
) -> dict[str, Any]:
    wanted = sorted({r for r in remote_ids if r})
    return {
        row[0]: row[1] if len(row) == 2 else row[1:]
        for row in rows_in_chunks(
            conn,
            wanted,
            lambda marks: f"SELECT {columns} FROM {table} WHERE remote_id IN ({marks})",
        )
    }


class _Context:
    """Local ids for every remote id a batch of order entries names, read once per batch."""

    def __init__(self, conn: sqlite3.Connection, records: list[OrderRecord]):
        self.stages = dict(
            conn.execute("SELECT remote_id, id FROM stages WHERE remote_id IS NOT NULL")
        )
        self.agents = dict(
            conn.execute("SELECT remote_id, id FROM agents WHERE remote_id IS NOT NULL")
        )
        self.teams = dict(
            conn.execute("SELECT remote_id, id FROM teams WHERE remote_id IS NOT NULL")
        )
        self.customers = _by_remote(
            conn, "customers", [r.customer for r in records], "remote_id, id, phone"
        )
        self.addresses = _by_remote(conn, "addresses", [r.address for r in records])
        self.variants = _by_remote(
            conn,
            "variants",
            [line.variant for r in records for line in r.lines],
            "remote_id, id, product_id",
        )
        self.orders = {
            remote_id: LocalOrder(*row)
            for remote_id, row in _by_remote(
                conn, "orders", [r.remote_id for r in records], "remote_id, id, origin, stage_id"
            ).items()
        }
        self._adoptable(conn, [r for r in records if r.remote_id not in self.orders])
        self.chats_by_key, self.chats_by_customer = {}, {}
        for chat_key, customer_id in conn.execute(
            "SELECT chat_key, customer_id FROM conversations ORDER BY updated_at"
        ):
            self.chats_by_key[chat_key] = customer_id
            if customer_id:
                self.chats_by_customer[customer_id] = chat_key  # the latest wins
        self.default_stage = (
            conn.execute(
                "SELECT id FROM stages WHERE active = 1 ORDER BY position LIMIT 1"
            ).fetchone()
            or (None,)
        )[0]
        self.next_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders").fetchone()[0]

    def _adoptable(self, conn: sqlite3.Connection, records: list[OrderRecord]) -> None:
        """Orders made here that Sendocki now lists: their client reference is our order id."""
        by_reference = {r.client_reference: r.remote_id for r in records if r.client_reference}
        for row in rows_in_chunks(
            conn,
            list(by_reference),
            lambda marks: f"SELECT id, origin, stage_id FROM orders WHERE id IN ({marks})",
        ):
            self.orders[by_reference[row[0]]] = LocalOrder(*row)

    def chat_for(self, record: OrderRecord, customer_id: str, phone: str | None) -> str | None:
        if record.chat_key in self.chats_by_key:
            return record.chat_key
        if phone and f"{phone.lstrip('+')}@c.us" in self.chats_by_key:
            return f"{phone.lstrip('+')}@c.us"
        return self.chats_by_customer.get(customer_id)


def apply_orders(conn: sqlite3.Connection, records: list[OrderRecord], gone: list[str]) -> None:
    context = _Context(conn, records)
    unsettled = _orders_with_unsettled_moves(conn, [o.id for o in context.orders.values()])
    for record in records:
        local = context.orders.get(record.remote_id)
        stage_id = context.stages.get(record.stage)
        if local is None:
            order_id = _insert(conn, context, record, stage_id or context.default_stage)
            origin, own_creation = "sendocki", False
        else:
            order_id, origin = local.id, local.origin
            own_creation = origin == "local"
            if stage_id is None or order_id in unsettled:
                stage_id = local.stage_id  # the move made here goes first; its answer settles it
            _update(conn, context, record, local, stage_id)
        _replace_pulled_history(conn, context, order_id, record, own_creation)
    for remote_id in gone:
        # An order made elsewhere goes; one made here stays (it is this seller's record).
        conn.execute("DELETE FROM orders WHERE remote_id = ? AND origin = 'sendocki'", (remote_id,))


def _orders_with_unsettled_moves(conn: sqlite3.Connection, order_ids: list[str]) -> set[str]:
    kinds = ",".join("?" * len(MOVE_KINDS))
    states = ",".join("?" * len(UNSETTLED))
    return {
        row[0]
        for row in rows_in_chunks(
            conn,
            order_ids,
            lambda marks: (
                f"SELECT aggregate_id FROM outbox WHERE kind IN ({kinds})"
                f" AND status IN ({states}) AND aggregate_id IN ({marks})"
            ),
            leading=(*MOVE_KINDS, *UNSETTLED),
        )
    }


def _customer(
    conn: sqlite3.Connection, context: _Context, record: OrderRecord
) -> tuple[str, str | None]:
    known = context.customers.get(record.customer)
    if known:
        return known[0], known[1]
    # The customers feed did not bring this card (deleted upstream since): keep the order on a
    # card of its own rather than lose it.
    [customer_id] = new_ids("c", 1)
    phone = record.customer_phone if (record.customer_phone or "").startswith("+") else None
    conn.execute(
        "INSERT INTO customers (id, name, phone, email, tags, remote_id, created_at, updated_at)"
        " VALUES (?, ?, ?, NULL, '[]', ?, ?, ?)",
        (
            customer_id,
            record.customer_name or record.number,
            phone,
            record.customer,
            record.created_at,
            record.created_at,
        ),
    )
    context.customers[record.customer] = (customer_id, phone)
    return customer_id, phone


def _line_rows(
    context: _Context, order_id: str, record: OrderRecord
) -> tuple[list[tuple[Any, ...]], int, int]:
    rows, catalog_total, lines_total = [], 0, 0
    for position, line in enumerate(record.lines):
        variant_id, product_id = (context.variants.get(line.variant) if line.variant else None) or (
            None,
            None,
        )
        unit = to_centimes(line.unit_price)
        catalog_unit = to_centimes(line.catalog_unit_price) if line.kind != "free" else None
        lines_total += unit * line.quantity
        catalog_total += (unit if catalog_unit is None else catalog_unit) * line.quantity
        rows.append(
            (
                order_id,
                position,
                line.kind,
                variant_id,
                product_id,
                line.sku,
                line.name,
                line.quantity,
                catalog_unit,
                unit,
                unit * line.quantity,
            )
        )
    return rows, catalog_total, lines_total


def _write_lines(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO order_lines (order_id, position, kind, variant_id, product_id, sku, name,"
        " quantity, catalog_unit_price, unit_price, line_total)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _last_change_at(record: OrderRecord) -> str:
    return record.stage_history[-1].at if record.stage_history else record.created_at


def _insert(
    conn: sqlite3.Connection, context: _Context, record: OrderRecord, stage_id: str | None
) -> str:
    [order_id] = new_ids("o", 1)
    customer_id, phone = _customer(conn, context, record)
    lines, catalog_total, lines_total = _line_rows(context, order_id, record)
    seq = context.next_seq
    context.next_seq += 1
    conn.execute(
        "INSERT INTO orders (id, seq, number, customer_id, address_id, stage_id, payment_method,"
        " payment_status, agent_id, team_id, note, catalog_total, lines_total, total, currency,"
        " conversation_key, sync_state, remote_id, remote_number, warnings, automation_message,"
        " created_at, origin, created_by_agent_id, external_number, stage_changed_at)"
        " VALUES (" + ", ".join("?" * 26) + ")",
        (
            order_id,
            seq,
            record.number,
            customer_id,
            context.addresses.get(record.address) if record.address else None,
            stage_id,
            record.payment_method,
            record.payment_status,
            context.agents.get(record.agent),
            context.teams.get(record.team),
            record.note,
            catalog_total,
            lines_total,
            to_centimes(record.total),
            record.currency,
            context.chat_for(record, customer_id, phone),
            "synced",
            record.remote_id,
            record.number,
            "[]",
            None,
            record.created_at,
            "sendocki",
            context.agents.get(record.created_by),
            record.external_number,
            _last_change_at(record),
        ),
    )
    _write_lines(conn, lines)
    return order_id


def _update(
    conn: sqlite3.Connection,
    context: _Context,
    record: OrderRecord,
    local: LocalOrder,
    stage_id: str,
) -> None:
    stage_moved = stage_id != local.stage_id
    conn.execute(
        "UPDATE orders SET remote_id = ?, remote_number = ?, stage_id = ?,"
        " created_by_agent_id = COALESCE(created_by_agent_id, ?),"
        " stage_changed_at = CASE WHEN ? THEN ? ELSE stage_changed_at END WHERE id = ?",
        (
            record.remote_id,
            record.number,
            stage_id,
            context.agents.get(record.created_by),
            int(stage_moved),
            _last_change_at(record),
            local.id,
        ),
    )
    if local.origin == "sendocki":
        # Sendocki is the only writer of an order made elsewhere: lines and totals follow it.
        lines, catalog_total, lines_total = _line_rows(context, local.id, record)
        conn.execute("DELETE FROM order_lines WHERE order_id = ?", (local.id,))
        _write_lines(conn, lines)
        conn.execute(
            "UPDATE orders SET catalog_total = ?, lines_total = ?, total = ?, note = ?,"
            " payment_status = ? WHERE id = ?",
            (
                catalog_total,
                lines_total,
                to_centimes(record.total),
                record.note,
                record.payment_status,
                local.id,
            ),
        )


def _replace_pulled_history(
    conn: sqlite3.Connection,
    context: _Context,
    order_id: str,
    record: OrderRecord,
    own_creation: bool,
) -> None:
    """Sendocki's history of the order, without what is already kept here: moves made here
    (known by their client reference) and, for an order made here, its creation."""
    conn.execute(
        "DELETE FROM order_stage_changes WHERE order_id = ? AND origin = 'sendocki'", (order_id,)
    )
    mine = {
        row[0]
        for row in conn.execute(
            "SELECT client_reference FROM order_stage_changes"
            " WHERE order_id = ? AND client_reference IS NOT NULL",
            (order_id,),
        )
    }
    rows = []
    for change in record.stage_history:
        if change.client_reference in mine or (own_creation and change.from_stage is None):
            continue
        to_stage = context.stages.get(change.to_stage)
        if to_stage is None:
            continue  # a stage this helper never saw (deleted before the first pull)
        rows.append(
            (
                order_id,
                context.stages.get(change.from_stage),
                to_stage,
                change.at,
                context.agents.get(change.agent),
                change.client_reference,
            )
        )
    conn.executemany(
        "INSERT INTO order_stage_changes (order_id, from_stage_id, to_stage_id, at, origin,"
        " agent_id, client_reference) VALUES (?, ?, ?, ?, 'sendocki', ?, ?)",
        rows,
    )
