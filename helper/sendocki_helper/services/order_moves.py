"""Moving an order to another stage: one BEGIN IMMEDIATE transaction for the idempotency claim,
the order's new stage, its stage history and the outbox row that tells Sendocki.

The outbox row depends on the order's previous row (its creation, or the move before), so
Sendocki gets the order first and the moves in the order they were made. The answer carries the
new stage's message, rendered for the agent to read and send; nothing is ever sent from here.
Moving to the stage the order is already in changes nothing and prepares no message.
"""

import json
from dataclasses import dataclass
from typing import Any

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.schemas.orders import StageMoveOut, StageMoveRequest
from sendocki_helper.services import (
    automation,
    idempotency,
    order_history,
    order_stages,
    outbox,
)
from sendocki_helper.services.errors import FieldError, not_found, validation_error
from sendocki_helper.services.pairing import pairing_agent
from sendocki_helper.services.sql import execute, one
from sendocki_helper.store.models import database_proxy


@dataclass
class Moved:
    status: int
    answer_json: str  # the order as the API answers it (StageMoveOut), stored for replays
    replayed: bool

    @property
    def answer(self) -> dict:
        return json.loads(self.answer_json)


def move_order(request: idempotency.KeyedRequest, order_id: str, body: StageMoveRequest) -> Moved:
    # The route's path names no order: the order is part of what the key stands for.
    digest = idempotency.request_hash(
        request, {"order_id": order_id, **body.model_dump(mode="json")}
    )
    now = clock.now_iso()
    with database_proxy.atomic():
        stored = idempotency.lookup(request, digest, now)
        if stored is not None:
            return Moved(stored.status, stored.answer_json, replayed=True)
        answer = _move(request.pairing_id, order_id, body.stage_id, now)
        answer_json = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        idempotency.record(request, digest, 200, answer_json, now)
    return Moved(200, answer_json, replayed=False)


def _target_stage(stage_id: str) -> tuple[Any, ...]:
    row = one(
        "SELECT id, name, active, message_template, automated FROM stages WHERE id = ?",
        (stage_id,),
    )
    if row is None:
        raise validation_error(
            "Invalid move",
            FieldError(
                "stage_id", f"unknown stage '{stage_id}'", "stage_unknown", {"id": stage_id}
            ),
        )
    if not row[2]:
        raise validation_error(
            "Invalid move",
            FieldError(
                "stage_id", f"stage '{row[1]}' is not active", "stage_inactive", {"name": row[1]}
            ),
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
        execute(
            "UPDATE orders SET stage_id = ?, stage_changed_at = ?, stage_issue = NULL WHERE id = ?",
            (stage[0], now, order_id),
        )
        order_stages.record_change(
            order_id, current[0], stage[0], now, pairing_id, agent_id, client_reference=move_id
        )
        payload = {
            "move_id": move_id,
            "from_stage_id": current[0],
            "to_stage_id": stage[0],
            "agent_id": agent_id,
            "moved_at": now,
        }
        outbox.enqueue(outbox.OutboxKind.ORDER_MOVE, order_id, payload, now, after_previous=True)
    view = order_history.get_view(order_id)
    message = None
    if moved and stage[3] and not stage[4]:
        # Sendocki's own automation (stage[4]) already messages the customer: prepare nothing.
        message = automation.message_for_order(
            stage[3], view, view["customer"]["name"], view["address"]
        )
    return StageMoveOut.model_validate(
        {**view, "moved": moved, "stage_message": message}
    ).model_dump(mode="json")
