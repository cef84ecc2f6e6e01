"""Creating an order: one BEGIN IMMEDIATE transaction for the idempotency claim, the customer
card, the order and its lines, the conversation link and the outbox row (docs/security.md,
"Durability").

The caller answers only after this returns, i.e. after the commit: an acknowledged order is on disk.
"""

import json
from dataclasses import dataclass
from typing import Any

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.schemas.orders import OrderOut, OrderRequest
from sendocki_helper.services import (
    automation,
    connection,
    conversations,
    customers,
    idempotency,
    order_customer,
    order_stages,
    outbox,
    settings,
)
from sendocki_helper.services.customers import Card
from sendocki_helper.services.errors import FieldError, validation_error
from sendocki_helper.services.order_pricing import price_lines, stock_warnings, totals
from sendocki_helper.services.order_views import OrderRow, order_view
from sendocki_helper.services.pairing import pairing_agent
from sendocki_helper.services.sql import aggregate, execute, execute_many, one
from sendocki_helper.store.fields import to_centimes
from sendocki_helper.store.models import database_proxy

NUMBER_PREFIX = "WA-"


@dataclass
class Created:
    status: int
    answer_json: str  # the order as the API answers it (OrderOut), stored for replays
    replayed: bool


def order_number(seq: int) -> str:
    return f"{NUMBER_PREFIX}{seq:06d}"


def create_order(request: idempotency.KeyedRequest, body: OrderRequest) -> Created:
    digest = idempotency.request_hash(request, body.model_dump(mode="json"))
    now = clock.now_iso()
    with database_proxy.atomic():
        stored = idempotency.lookup(request, digest, now)
        if stored is not None:
            return Created(stored.status, stored.answer_json, replayed=True)
        answer_json = _create(body, now, request.pairing_id)
        idempotency.record(request, digest, 201, answer_json, now)
    return Created(201, answer_json, replayed=False)


@dataclass
class StageRow:
    id: str
    name: str
    color: str
    state: str | None
    active: bool
    message_template: str | None


@dataclass
class ConversationRow:
    chat_key: str
    display_name: str | None


_STAGE_COLUMNS = "id, name, color, state, active, message_template"


def _stage(stage_id: str | None, errors: list[FieldError]) -> StageRow | None:
    if stage_id is None:
        row = one(f"SELECT {_STAGE_COLUMNS} FROM stages WHERE active = 1 ORDER BY position LIMIT 1")
        if row is None:
            errors.append(
                FieldError(
                    "stage_id",
                    "the workspace has no active stage: enable one with `sendocki-helper stages "
                    "enable`, or create the default ones with `sendocki-helper stages reset`",
                    "stage_none",
                )
            )
        return StageRow(*row) if row else None
    row = one(f"SELECT {_STAGE_COLUMNS} FROM stages WHERE id = ?", (stage_id,))
    if row is None:
        errors.append(
            FieldError("stage_id", f"unknown stage '{stage_id}'", "stage_unknown", {"id": stage_id})
        )
        return None
    stage = StageRow(*row)
    if not stage.active:
        errors.append(
            FieldError(
                "stage_id",
                f"stage '{stage.name}' is not active",
                "stage_inactive",
                {"name": stage.name},
            )
        )
        return None
    return stage


def _check_ref(
    table: str, value: str | None, field: str, what: str, errors: list[FieldError]
) -> None:
    if value is None:
        return
    row = one(f"SELECT active FROM {table} WHERE id = ?", (value,))
    if row is None or not row[0]:
        errors.append(
            FieldError(field, f"unknown {what} '{value}'", f"{what}_unknown", {"id": value})
        )


def _person(agent_id: str | None) -> dict | None:
    row = one("SELECT id, name FROM agents WHERE id = ?", (agent_id,)) if agent_id else None
    return {"id": row[0], "name": row[1]} if row else None


def _create(body: OrderRequest, now: str, pairing_id: str) -> str:
    errors: list[FieldError] = []
    plan = order_customer.plan(body.customer, customers.region(), errors)
    # A refused customer part refuses the order anyway: its lines are priced without a city.
    pricing = price_lines(body.lines, plan.city if plan else None)
    errors += pricing.errors
    stage = _stage(body.stage_id, errors)
    _check_ref("agents", body.agent_id, "agent_id", "agent", errors)
    _check_ref("teams", body.team_id, "team_id", "team", errors)
    if errors or plan is None or stage is None:  # plan and stage are None only with errors
        raise validation_error("Invalid order", *errors)

    customer, _created, address = order_customer.apply(plan, now)
    conversation = None
    # Never refuse an order for its chat link: a key that cannot be linked leaves it unlinked.
    unlinked = body.conversation is not None and not conversations.is_chat_key(
        body.conversation.chat_key
    )
    if body.conversation is not None and not unlinked:
        conversation = ConversationRow(body.conversation.chat_key, body.conversation.display_name)
        conversations.link(
            conversation.chat_key,
            conversation.display_name,
            customer.id,
            now,
            body.conversation.title_key,
        )
    sums = totals(pricing.lines, body.total)
    creator = pairing_agent(pairing_id)
    seq = aggregate("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders")[0]
    order = OrderRow(
        id=new_id("o"),
        number=order_number(seq),
        created_at=now,
        catalog_total=sums.catalog_total,
        lines_total=sums.lines_total,
        total=sums.total,
        currency=settings.get("currency", settings.DEFAULTS["currency"]),
        payment_method=body.payment_method,
        payment_status=body.payment_status,
        agent_id=body.agent_id,
        team_id=body.team_id,
        note=body.note or None,
        sync_state=connection.initial_sync_state(),
        warnings=stock_warnings(pricing.lines)
        + ([{"code": "conversation_not_linked"}] if unlinked else []),
        stage_changed_at=now,
    )
    view = order_view(
        order, pricing.lines, stage, customer, address, conversation, _person(creator)
    )
    order.automation_message = automation.message_for_order(
        stage.message_template, view, customer.name, view["address"]
    )
    view["automation_message"] = order.automation_message
    execute(
        "INSERT INTO orders (id, seq, number, customer_id, address_id, stage_id, payment_method, payment_status, "
        "agent_id, team_id, note, catalog_total, lines_total, total, currency, conversation_key, sync_state, "
        "warnings, automation_message, created_at, pairing_id, stage_changed_at, created_by_agent_id)"
        " VALUES (" + ", ".join("?" * 23) + ")",
        (
            order.id,
            seq,
            order.number,
            customer.id,
            address.id if address else None,
            stage.id,
            order.payment_method,
            order.payment_status,
            order.agent_id,
            order.team_id,
            order.note,
            to_centimes(order.catalog_total),
            to_centimes(order.lines_total),
            to_centimes(order.total),
            order.currency,
            conversation.chat_key if conversation else None,
            order.sync_state,
            json.dumps(order.warnings, ensure_ascii=False, sort_keys=True),
            order.automation_message,
            now,
            pairing_id,
            now,
            creator,
        ),
    )
    order_stages.record_change(order.id, None, stage.id, now, pairing_id, creator)
    execute_many(
        "INSERT INTO order_lines (order_id, position, kind, variant_id, product_id, sku, name, quantity, "
        "catalog_unit_price, unit_price, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                order.id,
                i,
                p.kind,
                p.variant_id,
                p.product_id,
                p.sku,
                p.name,
                p.quantity,
                to_centimes(p.catalog_unit_price),
                to_centimes(p.unit_price),
                to_centimes(p.line_total),
            )
            for i, p in enumerate(pricing.lines)
        ],
    )
    # Validated once; pydantic's serialiser writes the answer (the stored replay included).
    answer = OrderOut.model_validate(view)
    outbox.enqueue(
        outbox.OutboxKind.ORDER_CREATE,
        order.id,
        _order_payload(answer.model_dump(mode="json"), customer, address),
        now,
    )
    return answer.model_dump_json()


def _order_payload(
    answer: dict[str, Any], customer: Card, address: order_customer.AddressRow | None
) -> dict[str, Any]:
    """What the dispatcher sends from: the order answer plus the full card."""
    payload = dict(answer)
    payload["customer"] = {
        **answer["customer"],
        "name": customer.name,
        "phone": customer.phone,
        "email": customer.email,
        "tags": customer.tags or [],
    }
    payload["address"] = address and {"id": address.id, "line": address.line, "city": address.city}
    return payload
