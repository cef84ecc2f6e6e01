"""Creating an order: one BEGIN IMMEDIATE transaction for the idempotency claim, the customer
card, the order and its lines, the conversation link and the outbox row (security.md 4.3).

The caller answers only after this returns, i.e. after the commit: an acknowledged order is on disk.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services import automation, conversations, idempotency, order_customer, workspace
from sendocki_helper.services.errors import FieldError, validation_error
from sendocki_helper.services.order_pricing import price_lines, stock_warnings, totals
from sendocki_helper.services.order_views import as_json, order_view
from sendocki_helper.store.models import (
    Agent, Conversation, Order, OrderLine, OutboxItem, Stage, Team, database_proxy,
)

METHOD, PATH = "POST", "/v1/orders"
NUMBER_PREFIX = "WA-"


@dataclass
class Created:
    status: int
    answer: dict  # wire form
    replayed: bool


def order_number(seq: int) -> str:
    return f"{NUMBER_PREFIX}{seq:06d}"


def create_order(pairing_id: str, key: str, body) -> Created:
    digest = idempotency.request_hash(METHOD, PATH, body.model_dump(mode="json"))
    now = clock.now_iso()
    with database_proxy.atomic():
        stored = idempotency.lookup(pairing_id, key, METHOD, PATH, digest, now)
        if stored is not None:
            return Created(stored.status, stored.answer, replayed=True)
        answer = _create(body, now)
        idempotency.record(pairing_id, key, METHOD, PATH, digest, 201, answer, now)
    return Created(201, answer, replayed=False)


def _stage(stage_id: str | None, errors: list[FieldError]) -> Stage | None:
    if stage_id is None:
        stage = workspace.default_stage()
        if stage is None:
            errors.append(FieldError("stage_id", "the workspace has no active stage"))
        return stage
    stage = Stage.get_or_none(Stage.id == stage_id)
    if stage is None:
        errors.append(FieldError("stage_id", f"unknown stage '{stage_id}'"))
    elif not stage.active:
        errors.append(FieldError("stage_id", f"stage '{stage.name}' is not active"))
        stage = None
    return stage


def _check_ref(model, value: str | None, field: str, what: str, errors: list[FieldError]) -> None:
    if value is None:
        return
    row = model.get_or_none(model.id == value)
    if row is None or not row.active:
        errors.append(FieldError(field, f"unknown {what} '{value}'"))


def _create(body, now: str) -> dict:
    errors: list[FieldError] = []
    plan = order_customer.plan(body.customer, workspace.default_region(), errors)
    pricing = price_lines(body.lines)
    errors += pricing.errors
    stage = _stage(body.stage_id, errors)
    _check_ref(Agent, body.agent_id, "agent_id", "agent", errors)
    _check_ref(Team, body.team_id, "team_id", "team", errors)
    if body.conversation is not None and not conversations.is_chat_key(body.conversation.chat_key):
        errors.append(FieldError("conversation.chat_key", conversations.CHAT_KEY_MESSAGE))
    if errors:
        raise validation_error("Invalid order", *errors)

    customer, created, address = order_customer.apply(plan, now)
    conversation = None
    if body.conversation is not None:
        conversations.link(body.conversation.chat_key, body.conversation.display_name, customer.id, now)
        conversation = Conversation(chat_key=body.conversation.chat_key,
                                    display_name=body.conversation.display_name)
    sums = totals(pricing.lines, body.total)
    seq = database_proxy.execute_sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders").fetchone()[0]
    order = Order(
        id=new_id("o"), seq=seq, number=order_number(seq), customer=customer.id,
        address=address.id if address else None, stage=stage.id, payment_method=body.payment_method,
        payment_status=body.payment_status, agent=body.agent_id, team=body.team_id, note=body.note or None,
        catalog_total=sums.catalog_total, lines_total=sums.lines_total, total=sums.total,
        currency=workspace.currency(), conversation=conversation.chat_key if conversation else None,
        sync_state="local", warnings=stock_warnings(pricing.lines), created_at=now,
    )
    lines = [
        OrderLine(order=order.id, position=i, kind=p.kind, variant=p.variant_id, product=p.product_id,
                  sku=p.sku, name=p.name, quantity=p.quantity, catalog_unit_price=p.catalog_unit_price,
                  unit_price=p.unit_price, line_total=p.line_total)
        for i, p in enumerate(pricing.lines)
    ]
    view = order_view(order, lines, stage, customer, address, conversation)
    order.automation_message = automation.render(
        stage.message_template, automation.context_for(view, customer.name, view["address"]))
    view["automation_message"] = order.automation_message
    order.save(force_insert=True)
    OrderLine.insert_many([line.__data__ for line in lines]).execute()
    answer = as_json(view)
    _enqueue(answer, customer, address, now)
    return answer


def _enqueue(answer: dict, customer, address, now: str) -> None:
    """The outbox row the Sendocki sync dispatcher pushes: the order answer plus the full card."""
    payload = dict(answer)
    payload["customer"] = {**answer["customer"], "name": customer.name, "phone": customer.phone,
                           "email": customer.email, "tags": customer.tags or []}
    payload["address"] = answer["address"] and {
        "id": address.id, "line": address.line, "city": address.city}
    payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    OutboxItem.insert(
        kind="order.create", aggregate_id=answer["id"], idempotency_key=str(uuid.uuid4()),
        payload_json=payload_json, payload_hash=hashlib.sha256(payload_json.encode("utf-8")).hexdigest(),
        status="pending", attempts=0, created_at=now, updated_at=now,
    ).execute()
