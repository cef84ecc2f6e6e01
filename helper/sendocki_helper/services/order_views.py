"""One order as the API shows it, built the same way at creation and in history."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from sendocki_helper import clock


# What a view reads: the peewee models (history) and the rows of services/orders.py (creation)
# both have these attributes (read-only here).
class StageLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def color(self) -> str: ...
    @property
    def state(self) -> str | None: ...


class LineLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def sku(self) -> str | None: ...
    @property
    def variant_id(self) -> str | None: ...
    @property
    def product_id(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def catalog_unit_price(self) -> Decimal | None: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def line_total(self) -> Decimal: ...


class CustomerLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def created_at(self) -> str: ...


class AddressLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def line(self) -> str: ...
    @property
    def city(self) -> str: ...


class ConversationLike(Protocol):
    @property
    def chat_key(self) -> str: ...
    @property
    def display_name(self) -> str | None: ...


class OrderLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def created_at(self) -> str: ...
    @property
    def catalog_total(self) -> Decimal: ...
    @property
    def lines_total(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def payment_method(self) -> str: ...
    @property
    def payment_status(self) -> str: ...
    @property
    def agent_id(self) -> str | None: ...
    @property
    def team_id(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def sync_state(self) -> str: ...
    @property
    def warnings(self) -> list[dict[str, Any]]: ...
    @property
    def automation_message(self) -> str | None: ...


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
    order: OrderLike,
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
