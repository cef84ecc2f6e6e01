"""What sending an order.move row reads and records beyond the outbox row itself (docs/pipeline.md).

- the Sendocki ids the move names: the order, the stage it goes to, the stage it started from
  (Sendocki refuses the move if the order is no longer there), the agent;
- delivered: the row is done and the order takes what Sendocki answered (stage, history);
- refused as a conflict (Sendocki moved the order meanwhile): the row is done without effect,
  the move leaves the local history, the order takes Sendocki's stage and carries a
  `stage_issue` the agent sees until the next move goes through. Nothing is retried: the agent
  decides, seeing the stage the order is really in.

Runs on the store's writer thread.
"""

import json
from dataclasses import dataclass
from typing import Any

from sendocki_helper import clock
from sendocki_helper.services import outbox
from sendocki_helper.store.models import Agent, Order, Stage, database_proxy
from sendocki_helper.sync import pull_orders
from sendocki_helper.sync.records import OrderRecord


@dataclass
class MoveRefs:
    order: str | None  # Sendocki's order id
    to_stage: str | None
    from_stage: str | None
    agent: str | None


def _remote(model: Any, local_id: str | None) -> str | None:
    if not local_id:
        return None
    row = model.select(model.remote_id).where(model.id == local_id).first()
    return row.remote_id if row else None


def move_refs(order_id: str, payload: dict) -> MoveRefs:
    return MoveRefs(
        order=_remote(Order, order_id),
        to_stage=_remote(Stage, payload.get("to_stage_id")),
        from_stage=_remote(Stage, payload.get("from_stage_id")),
        agent=_remote(Agent, payload.get("agent_id")),
    )


def record_moved(item_id: int, order: OrderRecord) -> None:
    """Sendocki has the move: the row is done and the order follows Sendocki's answer (a later
    move still queued here keeps its stage until its own answer)."""
    with database_proxy.atomic():
        outbox.settle_delivered(item_id, order.remote_id)
        pull_orders.apply_orders(database_proxy.connection(), [order], [])


def record_conflict(item_id: int, order_id: str, payload: dict, order: OrderRecord) -> str:
    """Sendocki moved the order meanwhile and refused this move; returns what the agent is told."""
    with database_proxy.atomic():
        wanted = Stage.get_or_none(Stage.id == payload.get("to_stage_id"))
        now_in = Stage.get_or_none(Stage.remote_id == order.stage)
        message = (
            f"Sendocki had moved this order to {now_in.name if now_in else 'another stage'}"
            f" meanwhile: the move to {wanted.name if wanted else 'the stage you chose'}"
            " was not applied. Move it again if it still should be."
        )
        outbox.settle_without_effect(item_id, 409, message)
        database_proxy.execute_sql(
            "DELETE FROM order_stage_changes WHERE order_id = ? AND client_reference = ?",
            (order_id, payload.get("move_id")),
        )
        pull_orders.apply_orders(database_proxy.connection(), [order], [])
        issue = {
            "code": "stage_conflict",
            "message": message,
            "wanted_stage_id": payload.get("to_stage_id"),
            "at": clock.display(clock.now_iso()),
        }
        database_proxy.execute_sql(
            "UPDATE orders SET stage_issue = ? WHERE id = ?",
            (json.dumps(issue, ensure_ascii=False, sort_keys=True), order_id),
        )
    return message
