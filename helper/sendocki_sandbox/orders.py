"""Order creation with idempotency keys and unique client references, and lookup by reference."""

import json
import re

from sendocki_sandbox import money
from sendocki_sandbox.clock import now
from sendocki_sandbox.db import get_meta, next_value
from sendocki_sandbox.entities import add_address, add_customer, new_id
from sendocki_sandbox.idempotency import once
from sendocki_sandbox.problems import Problem, invalid

PAYMENT_METHODS = {"cash_on_delivery", "online_payment", "other"}
PAYMENT_STATUSES = {"pending", "paid"}
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def create_order(
    conn, key: str | None, body, unique_references: bool = True
) -> tuple[int, dict, bool]:
    """Returns (status, answer, replayed). Everything happens in one transaction.

    `unique_references=False` makes a naive server that would store a duplicate.
    """

    def create() -> dict:
        checked = validate(conn, body)
        existing = conn.execute(
            "SELECT answer FROM orders WHERE client_reference = ?", (body["client_reference"],)
        ).fetchone()
        if existing is not None and unique_references:
            raise Problem(
                409,
                "client_reference_exists",
                "An order with this client reference already exists",
                extra={"order": json.loads(existing["answer"])},
            )
        return _insert(conn, key, body, checked)

    return once(conn, key, body, signed=body, status=201, act=create)


def find_by_client_reference(conn, reference: str) -> list[dict]:
    rows = conn.execute(
        "SELECT answer FROM orders WHERE client_reference = ? ORDER BY number", (reference,)
    ).fetchall()
    return [json.loads(row["answer"]) for row in rows]


def validate(conn, body: dict) -> dict:
    errors = []

    def need(condition, field, message):
        if not condition:
            errors.append({"field": field, "message": message})
        return condition

    ref = body.get("client_reference")
    need(
        isinstance(ref, str) and 0 < len(ref) <= 100,
        "client_reference",
        "is required (1-100 characters)",
    )
    customer = body.get("customer")
    if need(isinstance(customer, dict), "customer", "is required"):
        if not customer.get("id"):
            need(
                isinstance(customer.get("name"), str) and customer["name"].strip(),
                "customer.name",
                "is required",
            )
            phone = customer.get("phone")
            need(
                phone is None or (isinstance(phone, str) and E164.match(phone)),
                "customer.phone",
                "must be an E.164 number like +212661234567",
            )
        elif not conn.execute("SELECT 1 FROM customers WHERE id = ?", (customer["id"],)).fetchone():
            errors.append({"field": "customer.id", "message": "no such customer"})
    address = body.get("address")
    if address is not None and need(
        isinstance(address, dict), "address", "must be an object or null"
    ):
        if address.get("id"):
            need(
                conn.execute("SELECT 1 FROM addresses WHERE id = ?", (address["id"],)).fetchone(),
                "address.id",
                "no such address",
            )
        else:
            need(
                isinstance(address.get("line"), str) and address["line"].strip(),
                "address.line",
                "is required",
            )
            need(
                isinstance(address.get("city"), str) and address["city"].strip(),
                "address.city",
                "is required",
            )
    lines = body.get("lines")
    lines_total = 0
    if need(isinstance(lines, list) and lines, "lines", "must hold at least one line"):
        for i, line in enumerate(lines):
            at = f"lines[{i}]"
            if not need(isinstance(line, dict), at, "must be an object"):
                continue
            need(
                line.get("kind") in ("catalog", "free", "delivery"),
                f"{at}.kind",
                "must be catalog, free or delivery",
            )
            need(
                isinstance(line.get("name"), str) and line["name"].strip(),
                f"{at}.name",
                "is required",
            )
            quantity = line.get("quantity")
            ok_quantity = need(
                isinstance(quantity, int) and not isinstance(quantity, bool) and quantity >= 1,
                f"{at}.quantity",
                "must be at least 1",
            )
            try:
                unit = money.parse(line.get("unit_price"))
                if ok_quantity:
                    lines_total += unit * quantity
            except ValueError as error:
                errors.append({"field": f"{at}.unit_price", "message": str(error)})
            if (
                line.get("kind") in ("catalog", "delivery")
                and line.get("catalog_unit_price") is not None
            ):
                try:
                    money.parse(line["catalog_unit_price"])
                except ValueError as error:
                    errors.append({"field": f"{at}.catalog_unit_price", "message": str(error)})
            variant_id = line.get("variant_id")
            if (
                variant_id
                and not conn.execute(
                    "SELECT 1 FROM variants WHERE id = ?", (variant_id,)
                ).fetchone()
            ):
                errors.append({"field": f"{at}.variant_id", "message": "no such variant"})
    total = lines_total
    if body.get("total") is not None:
        try:
            total = money.parse(body["total"])
        except ValueError as error:
            errors.append({"field": "total", "message": str(error) + " and not negative"})
    need(
        body.get("payment_method") in PAYMENT_METHODS,
        "payment_method",
        "must be one of " + ", ".join(sorted(PAYMENT_METHODS)),
    )
    need(
        body.get("payment_status") in PAYMENT_STATUSES,
        "payment_status",
        "must be one of " + ", ".join(sorted(PAYMENT_STATUSES)),
    )
    currency = get_meta(conn, "currency")
    need(
        body.get("currency", currency) == currency,
        "currency",
        f"must be the workspace's currency ({currency})",
    )
    for field, table in (("agent_id", "agents"), ("team_id", "teams"), ("created_by", "agents")):
        if body.get(field):
            need(
                conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (body[field],)).fetchone(),
                field,
                f"no such {table[:-1]}",
            )
    if errors:
        raise invalid("Invalid order", errors)
    return {"total": total}


def _insert(conn, key: str | None, body: dict, checked: dict, source: str = "api") -> dict:
    """Stores the order (into the orders feed) and its first stage in the stage history."""
    customer_id, created = _customer(conn, body["customer"])
    address = _address(conn, customer_id, body.get("address"))
    stage = _stage(conn, body.get("stage") or {})
    order_id = new_id("ord")
    number = f"SO-{next_value(conn, 'order'):06d}"
    stamp = now()
    answer = {
        "id": order_id,
        "number": number,
        "client_reference": body.get("client_reference"),
        "external_number": body.get("external_number"),
        "created_at": stamp,
        "stage": {
            "id": stage["id"],
            "name": stage["name"],
            "color": stage["color"],
            "state": stage["state"],
        },
        "customer": {
            "id": customer_id,
            "client_reference": body["customer"].get("client_reference"),
            "created": created,
        },
        "address": address,
        "total": money.to_text(checked["total"]),
        "currency": get_meta(conn, "currency"),
    }
    conn.execute(
        "INSERT INTO orders (id, number, client_reference, idempotency_key, customer_id, address_id,"
        " stage_id, total, body, answer, created_at, created_by, updated_at, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            order_id,
            number,
            body.get("client_reference"),
            key,
            customer_id,
            address and address["id"],
            stage["id"],
            checked["total"],
            json.dumps(body, ensure_ascii=False),
            json.dumps(answer),
            stamp,
            body.get("created_by"),
            stamp,
            next_value(conn, "change"),
        ),
    )
    record_stage_change(
        conn, order_id, None, stage["id"], stamp, body.get("created_by"), None, source
    )
    return answer


def record_stage_change(
    conn, order_id, from_stage_id, to_stage_id, at, agent_id, client_reference, source
) -> None:
    conn.execute(
        "INSERT INTO stage_changes (order_id, from_stage_id, to_stage_id, at, agent_id,"
        " client_reference, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (order_id, from_stage_id, to_stage_id, at, agent_id, client_reference, source),
    )


def _customer(conn, data: dict) -> tuple[str, bool]:
    if data.get("id"):
        return data["id"], False
    reference = data.get("client_reference")
    if reference:
        row = conn.execute(
            "SELECT id FROM customers WHERE client_reference = ?", (reference,)
        ).fetchone()
        if row:
            return row["id"], False
    return add_customer(
        conn, data["name"].strip(), data.get("phone"), data.get("email"), client_reference=reference
    ), True


def _address(conn, customer_id: str, data: dict | None) -> dict | None:
    if not data:
        return None
    if data.get("id"):
        return {"id": data["id"], "client_reference": data.get("client_reference")}
    reference = data.get("client_reference")
    if reference:
        row = conn.execute(
            "SELECT id FROM addresses WHERE client_reference = ?", (reference,)
        ).fetchone()
        if row:
            return {"id": row["id"], "client_reference": reference}
    address_id = add_address(
        conn, customer_id, data["line"].strip(), data["city"].strip(), reference
    )
    return {"id": address_id, "client_reference": reference}


def _stage(conn, data: dict):
    if data.get("id"):
        row = conn.execute("SELECT * FROM stages WHERE id = ?", (data["id"],)).fetchone()
        if row:
            return row
    if data.get("name"):
        row = conn.execute(
            "SELECT * FROM stages WHERE active = 1 AND lower(name) = lower(?)"
            " ORDER BY position LIMIT 1",
            (data["name"],),
        ).fetchone()
        if row:
            return row
    return conn.execute(
        "SELECT * FROM stages WHERE active = 1 ORDER BY position LIMIT 1"
    ).fetchone()
