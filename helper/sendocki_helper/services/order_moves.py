"""Moving an order to another stage: one BEGIN IMMEDIATE transaction for the idempotency claim,
the order's new stage, its stage history and the outbox row that tells Sendocki.

The outbox row depends on the order's previous row (its creation, or the move before), so
Sendocki gets the order first and the moves in the order they were made. The answer carries the
new stage's message, rendered for the agent to read and send; nothing is ever sent from here.
Moving to the stage the order is already in changes nothing and prepares no message.
"""

import json
from dataclasses import dataclass

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services import automation, idempotency, order_history, order_stages
from sendocki_helper.services.errors import FieldError, not_found, validation_error
from sendocki_helper.services.order_views import as_json
from sendocki_helper.services.pairing import pairing_agent
from sendocki_helper.services.sql import one, run
from sendocki_helper.store.models import database_proxy

METHOD = "POST"
MOVE_KIND = "order.move"


def path_for(order_id: str) -> str:
    return f"/v1/orders/{order_id}/stage"


@dataclass
class Moved:
    status: int
    answer: dict
    replayed: bool


def move_order(pairing_id: str, key: str, order_id: str, body) -> Moved:
    path = path_for(order_id)
    digest = idempotency.request_hash(METHOD, path, body.model_dump(mode="json"))
    now = clock.now_iso()
    with database_proxy.atomic():
        stored = idempotency.lookup(pairing_id, key, METHOD, path, digest, now)
        if stored is not None:
            return Moved(stored.status, stored.answer, replayed=True)
        answer = _move(pairing_id, order_id, body.stage_id, now)
        idempotency.record(pairing_id, key, METHOD, path, digest, 200, answer, now)
    return Moved(200, answer, replayed=False)


def _target_stage(stage_id: str):
    row = one(
        "SELECT id, name, active, message_template, automated FROM stages WHERE id = ?",
        (stage_id,),
    )
    if row is None:
        raise validation_error(
            "Invalid move", FieldError("stage_id", f"unknown stage '{stage_id}'")
        )
    if not row[2]:
        raise validation_error(
            "Invalid move", FieldError("stage_id", f"stage '{row[1]}' is not active")
        )
    return row


def _move(pairing_id: str, order_id: str, stage_id: str, now: str) -> dict:
    current = one("SELECT stage_id FROM orders WHERE id = ?", (order_id,))
    if current is None:
        raise not_found("Order")
    stage = _target_stage(stage_id)
    moved = current[0] != stage[0]
    if moved:
        move_id = new_id("m")
        agent_id = pairing_agent(pairing_id)
        run(
            "UPDATE orders SET stage_id = ?, stage_changed_at = ?, stage_issue = NULL WHERE id = ?",
            (stage[0], now, order_id),
        )
        order_stages.record_change(
            order_id, current[0], stage[0], now, pairing_id, agent_id, client_reference=move_id
        )
        _enqueue(order_id, move_id, current[0], stage[0], agent_id, now)
    view = order_history.get_view(order_id)
    message = None
    if moved and stage[3] and not stage[4]:
        # Sendocki's own automation (stage[4]) already messages the customer: prepare nothing.
        message = automation.render(
            stage[3], automation.context_for(view, view["customer"]["name"], view["address"])
        )
    answer = as_json(view)
    answer["moved"] = moved
    answer["stage_message"] = message
    return answer


def _enqueue(order_id, move_id, from_stage_id, to_stage_id, agent_id, now) -> None:
    """After the order's previous outbox row (its creation or the move before): in order."""
    previous = one(
        "SELECT id FROM outbox WHERE aggregate_id = ? ORDER BY id DESC LIMIT 1", (order_id,)
    )
    payload = {
        "move_id": move_id,
        "from_stage_id": from_stage_id,
        "to_stage_id": to_stage_id,
        "agent_id": agent_id,
        "moved_at": now,
    }
    payload_json = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    run(
        "INSERT INTO outbox (kind, aggregate_id, depends_on, idempotency_key, payload_json,"
        " payload_hash, status, attempts, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        (
            MOVE_KIND,
            order_id,
            previous[0] if previous else None,
            new_id("mk"),
            payload_json,
            idempotency.request_hash(METHOD, path_for(order_id), payload),
            now,
            now,
        ),
    )
