"""Orders after their creation: the orders feed's entries, moving an order between stages (the
API's idempotent move and the admin's "someone moved it in the web app"), and orders created
"elsewhere" (Sendocki's web app, another helper) for tests and benchmarks.
"""

import json

from sendocki_sandbox import money
from sendocki_sandbox.clock import now
from sendocki_sandbox.db import get_meta, transaction
from sendocki_sandbox.entities import touch
from sendocki_sandbox.idempotency import once
from sendocki_sandbox.orders import _insert, record_stage_change
from sendocki_sandbox.problems import Problem, invalid

ORDER_ROWS = (
    "SELECT o.*, s.name AS stage_name, s.color AS stage_color, s.state AS stage_state,"
    " c.name AS customer_name, c.phone AS customer_phone,"
    " c.client_reference AS customer_reference, a.line AS address_line, a.city AS address_city,"
    " a.client_reference AS address_reference"
    " FROM orders o JOIN stages s ON s.id = o.stage_id"
    " LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN addresses a ON a.id = o.address_id"
    " WHERE o.id IN ({})"
)
CHANGE_ROWS = "SELECT * FROM stage_changes WHERE order_id IN ({}) ORDER BY id"


def order_entry(row, changes) -> dict:
    """One order as the orders feed, `GET /v1/orders/{id}` and a move answer give it."""
    body = json.loads(row["body"])
    snapshot = body.get("customer") or {}
    address = body.get("address") or {}
    return {
        "id": row["id"],
        "deleted": False,
        "number": row["number"],
        "client_reference": row["client_reference"],
        "external_number": body.get("external_number"),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "created_by": row["created_by"],
        "agent_id": body.get("agent_id"),
        "team_id": body.get("team_id"),
        "stage": {
            "id": row["stage_id"],
            "name": row["stage_name"],
            "color": row["stage_color"],
            "state": row["stage_state"],
        },
        "stage_history": [
            {
                "from_stage_id": c["from_stage_id"],
                "to_stage_id": c["to_stage_id"],
                "at": c["at"],
                "agent_id": c["agent_id"],
                "client_reference": c["client_reference"],
            }
            for c in changes
        ],
        "customer": {
            "id": row["customer_id"],
            "client_reference": row["customer_reference"] or snapshot.get("client_reference"),
            "name": row["customer_name"] or snapshot.get("name"),
            "phone": row["customer_phone"] or snapshot.get("phone"),
        },
        "address": None
        if not row["address_id"]
        else {
            "id": row["address_id"],
            "client_reference": row["address_reference"],
            "line": row["address_line"] or address.get("line"),
            "city": row["address_city"] or address.get("city"),
        },
        "lines": [_line(line) for line in body.get("lines") or []],
        "total": money.to_text(row["total"]),
        "currency": body.get("currency") or "MAD",
        "payment_method": body.get("payment_method") or "cash_on_delivery",
        "payment_status": body.get("payment_status") or "pending",
        "note": body.get("note"),
        "conversation": body.get("conversation"),
    }


def _line(line: dict) -> dict:
    return {
        "kind": line.get("kind"),
        "variant_id": line.get("variant_id"),
        "sku": line.get("sku"),
        "name": line.get("name"),
        "quantity": line.get("quantity"),
        "catalog_unit_price": line.get("catalog_unit_price"),
        "unit_price": line.get("unit_price"),
    }


def load_order(conn, order_id: str) -> dict:
    row = conn.execute(ORDER_ROWS.format("?"), (order_id,)).fetchone()
    if row is None:
        raise Problem(404, "not_found", "No such order")
    return order_entry(row, conn.execute(CHANGE_ROWS.format("?"), (order_id,)).fetchall())


def _stage_row(conn, stage_id):
    if not isinstance(stage_id, str) or not stage_id:
        raise invalid("Invalid move", [{"field": "stage_id", "message": "is required"}])
    row = conn.execute("SELECT * FROM stages WHERE id = ?", (stage_id,)).fetchone()
    if row is None or not row["active"]:
        message = "no such stage" if row is None else f"stage {row['name']} is not active"
        raise invalid("Invalid move", [{"field": "stage_id", "message": message}])
    return row


def _apply_move(conn, order, stage_id, agent_id, client_reference, source) -> bool:
    """Moves the order unless it already is in that stage; returns whether it moved."""
    if order["stage_id"] == stage_id:
        return False
    stamp = now()
    conn.execute(
        "UPDATE orders SET stage_id = ?, updated_at = ? WHERE id = ?",
        (stage_id, stamp, order["id"]),
    )
    record_stage_change(
        conn, order["id"], order["stage_id"], stage_id, stamp, agent_id, client_reference, source
    )
    touch(conn, "orders", order["id"])
    return True


def move_order(
    conn, order_id: str, key: str | None, body, unique_references: bool = True
) -> tuple[int, dict, bool]:
    """`POST /v1/orders/{id}/stage`: returns (status, answer, replayed); one transaction.

    Body: `stage_id`, `client_reference` (the client's id for this move), and optionally
    `expected_stage_id` (the stage the client saw: another one now is a 409 stage_conflict),
    `agent_id`.
    """

    def move() -> dict:
        order = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if order is None:
            raise Problem(404, "not_found", "No such order")
        stage = _stage_row(conn, body.get("stage_id"))
        reference = body.get("client_reference")
        if reference is not None and (not isinstance(reference, str) or len(reference) > 100):
            raise invalid(
                "Invalid move", [{"field": "client_reference", "message": "1-100 characters"}]
            )
        agent_id = body.get("agent_id")
        if (
            agent_id
            and not conn.execute("SELECT 1 FROM agents WHERE id = ?", (agent_id,)).fetchone()
        ):
            raise invalid("Invalid move", [{"field": "agent_id", "message": "no such agent"}])
        done_before = (
            reference
            and conn.execute(
                "SELECT 1 FROM stage_changes WHERE order_id = ? AND client_reference = ?",
                (order_id, reference),
            ).fetchone()
        )
        if not (done_before and unique_references):
            expected = body.get("expected_stage_id")
            if expected and expected != order["stage_id"] and order["stage_id"] != stage["id"]:
                raise Problem(
                    409,
                    "stage_conflict",
                    "The order was moved meanwhile",
                    detail=f"It is now in another stage than {expected}",
                    extra={"order": load_order(conn, order_id)},
                )
            _apply_move(conn, order, stage["id"], agent_id, reference, "api")
        return load_order(conn, order_id)

    path = f"/v1/orders/{order_id}/stage"
    # The path is signed too: one key reused on another order is a mismatch, not a replay.
    signed = {"path": path, "body": body}
    return once(conn, key, body, signed=signed, status=200, act=move)


def admin_move(conn, order_id: str, body: dict) -> dict:
    """Someone moves the order in Sendocki's web app."""
    with transaction(conn):
        order = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if order is None:
            raise Problem(404, "not_found", "No such order")
        stage = _stage_row(conn, body.get("stage_id"))
        _apply_move(conn, order, stage["id"], body.get("agent_id"), None, "web")
        return load_order(conn, order_id)


def create_elsewhere(conn, spec: dict) -> dict:
    """An order made outside this client: `customer_id` or `customer` {name, phone}, `lines`
    [{sku, quantity}], optional `stage_id`, `created_by` (agent id), `client_reference`,
    `external_number`, `conversation`."""
    errors, lines, total = [], [], 0
    for i, line in enumerate(spec.get("lines") or [{"sku": "THE-VERT", "quantity": 1}]):
        row = conn.execute(
            "SELECT v.id, v.sku, v.name, COALESCE(v.price, p.price) AS price FROM variants v"
            " JOIN products p ON p.id = v.product_id WHERE v.sku = ?",
            (line.get("sku"),),
        ).fetchone()
        if row is None:
            errors.append({"field": f"lines[{i}].sku", "message": "no such variant"})
            continue
        quantity = int(line.get("quantity") or 1)
        total += row["price"] * quantity
        price = money.to_text(row["price"])
        lines.append(
            {
                "kind": "catalog",
                "variant_id": row["id"],
                "sku": row["sku"],
                "name": row["name"],
                "quantity": quantity,
                "catalog_unit_price": price,
                "unit_price": price,
            }
        )
    customer = {"id": spec["customer_id"]} if spec.get("customer_id") else spec.get("customer")
    if not isinstance(customer, dict) or not (customer.get("id") or customer.get("name")):
        errors.append({"field": "customer", "message": "give customer_id or customer.name"})
    if errors:
        raise invalid("Invalid order", errors)
    body = {
        "client_reference": spec.get("client_reference"),
        "external_number": spec.get("external_number"),
        "customer": customer,
        "address": None,
        "stage": {"id": spec.get("stage_id")},
        "lines": lines,
        "total": money.to_text(total),
        "currency": get_meta(conn, "currency"),
        "payment_method": "cash_on_delivery",
        "payment_status": "pending",
        "created_by": spec.get("created_by"),
        "conversation": spec.get("conversation"),
    }
    with transaction(conn):
        answer = _insert(conn, None, body, {"total": total}, source="web")
        return load_order(conn, answer["id"])
