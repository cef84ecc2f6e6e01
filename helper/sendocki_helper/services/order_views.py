"""One order as the API shows it, built the same way at creation and in history."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from sendocki_helper import clock
from sendocki_helper.store.models import Order


# What a view reads: the peewee models (history) and the rows of services/orders.py (creation)
# both have these attributes.
class StageLike(Protocol):
    id: str
    name: str
    color: str
    state: str | None


class LineLike(Protocol):
    kind: str
    sku: str | None
    variant_id: str | None
    product_id: str | None
    name: str
    quantity: int
    catalog_unit_price: Decimal | None
    unit_price: Decimal

    @property
    def line_total(self) -> Decimal: ...


class CustomerLike(Protocol):
    id: str
    name: str
    phone: str | None
    created_at: str


class AddressLike(Protocol):
    id: str
    line: str
    city: str


class ConversationLike(Protocol):
    chat_key: str
    display_name: str | None


@dataclass
class OrderRow:
    """An order being created, as order_view reads it: the Order model's attribute names."""

    id: str
    number: str
    created_at: str
    catalog_total: Decimal
    lines_total: Decimal
    total: Decimal
    currency: str
    payment_method: str
    payment_status: str
    agent_id: str | None
    team_id: str | None
    note: str | None
    sync_state: str  # an outbox.SyncState
    warnings: list[dict[str, Any]]
    automation_message: str | None = None
    stage_changed_at: str | None = None


def stage_badge(stage: StageLike) -> dict[str, Any]:
    return {"id": stage.id, "name": stage.name, "color": stage.color, "state": stage.state}


def line_view(line: LineLike) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "sku": line.sku,
        "variant_id": line.variant_id,
        "product_id": line.product_id,
        "name": line.name,
        "quantity": line.quantity,
        "catalog_unit_price": line.catalog_unit_price,
        "unit_price": line.unit_price,
        "line_total": line.line_total,
    }


def person(row: Any) -> dict[str, Any] | None:
    return None if row is None else {"id": row.id, "name": row.name}


def order_view(
    order: "OrderRow | Order",
    lines: Sequence[LineLike],
    stage: StageLike,
    customer: CustomerLike,
    address: AddressLike | None,
    conversation: ConversationLike | None,
    created_by: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Python values (Decimal money), in the shape of schemas.orders.OrderOut.

    `created_by`: {id, name} of the agent who created the order, or None.
    """
    changed = getattr(order, "stage_changed_at", None)
    return {
        "id": order.id,
        "number": order.number,
        "created_at": clock.display(order.created_at),
        "stage": stage_badge(stage),
        # The card and its order are written with one timestamp, which is how history knows.
        "customer": {
            "id": customer.id,
            "created": customer.created_at == order.created_at,
            "name": customer.name,
            "phone": customer.phone,
        },
        "lines": [line_view(line) for line in lines],
        "catalog_total": order.catalog_total,
        "lines_total": order.lines_total,
        "total": order.total,
        "adjustment": order.total - order.catalog_total,
        "currency": order.currency,
        "payment_method": order.payment_method,
        "payment_status": order.payment_status,
        "agent_id": order.agent_id,
        "team_id": order.team_id,
        "note": order.note,
        "address": {"id": address.id, "line": address.line, "city": address.city}
        if address
        else None,
        "conversation": (
            {"chat_key": conversation.chat_key, "display_name": conversation.display_name}
            if conversation
            else None
        ),
        "sync_state": order.sync_state,
        "warnings": order.warnings or [],
        "automation_message": order.automation_message,
        "origin": getattr(order, "origin", "local"),
        "external_number": getattr(order, "external_number", None),
        "remote_number": getattr(order, "remote_number", None),
        "created_by": created_by,
        "stage_changed_at": clock.display(changed) if changed else None,
        "stage_issue": getattr(order, "stage_issue", None),
    }
