"""Order history: one order, or a conversation's or customer's orders, newest first.

Pages are keyset-paginated on `seq` (allocated in commit order): `next` is the last seq shown,
so a page never repeats or skips an order when new ones arrive meanwhile.
"""

from typing import Any

import peewee

from sendocki_helper.services import conversations, order_stages
from sendocki_helper.services.errors import FieldError, not_found, validation_error
from sendocki_helper.services.order_views import order_view, person
from sendocki_helper.store.models import (
    Address,
    Agent,
    Conversation,
    Customer,
    Order,
    OrderLine,
    Stage,
)

Creator = Agent.alias()


def _query() -> "peewee.ModelSelect[Order]":
    return (
        Order.select(Order, Stage, Customer, Address, Conversation, Creator)
        .join(Stage)
        .switch(Order)
        .join(Customer)
        .switch(Order)
        .join(Address, peewee.JOIN.LEFT_OUTER, on=(Order.address == Address.id))
        .switch(Order)
        .join(
            Conversation, peewee.JOIN.LEFT_OUTER, on=(Order.conversation == Conversation.chat_key)
        )
        .switch(Order)
        .join(Creator, peewee.JOIN.LEFT_OUTER, on=(Order.created_by_agent == Creator.id))
    )


def _views(orders: list[Order]) -> list[dict[str, Any]]:
    """Python values (Decimal money), validated once as OrderOut by the API layer."""
    lines: dict[str, list] = {o.id: [] for o in orders}
    if orders:
        for line in (
            OrderLine.select()
            .where(OrderLine.order.in_(list(lines)))
            .order_by(OrderLine.order, OrderLine.position)
        ):
            lines[line.order_id].append(line)
    return [
        order_view(
            o,
            lines[o.id],
            o.stage,
            o.customer,
            o.address if o.address_id else None,
            o.conversation if o.conversation_key else None,
            person(o.created_by_agent) if o.created_by_agent_id else None,
        )
        for o in orders
    ]


def get_view(order_id: str) -> dict:
    """One order with Python values (Decimal money)."""
    found = list(_query().where(Order.id == order_id))
    if not found:
        raise not_found("Order")
    return _views(found)[0]


def stage_history(order_id: str) -> dict:
    if not Order.select().where(Order.id == order_id).exists():
        raise not_found("Order")
    return {"changes": order_stages.history(order_id)}


def get_order(order_id: str) -> dict:
    return get_view(order_id)


def list_orders(
    conversation: str | None,
    customer: str | None,
    limit: int,
    cursor: str | None,
    title_key: str | None = None,
) -> dict:
    errors = []
    if not conversation and not customer:
        errors.append(
            FieldError(
                "conversation", "give a conversation or a customer", "conversation_or_customer"
            )
        )
    if conversation and not conversations.is_chat_key(conversation):
        errors.append(conversations.chat_key_error("conversation"))
    if title_key and not conversations.is_title_key(title_key):
        errors.append(conversations.chat_key_error("title_key"))
    if cursor is not None and not (cursor.isascii() and cursor.isdigit()):
        errors.append(
            FieldError("cursor", "is not a cursor from a previous page", "cursor_invalid")
        )
    if errors:
        raise validation_error("Invalid query", *errors)
    if customer and not Customer.select().where(Customer.id == customer).exists():
        raise not_found("Customer")
    query = _query()
    if conversation:
        query = query.where(Order.conversation.in_(conversations.keys_of(conversation, title_key)))
    if customer:
        query = query.where(Order.customer == customer)
    if cursor is not None:
        query = query.where(Order.seq < int(cursor))
    # One extra row tells whether an older page exists.
    found = list(query.order_by(Order.seq.desc()).limit(limit + 1))
    more = len(found) > limit
    found = found[:limit]
    return {"orders": _views(found), "next": str(found[-1].seq) if more else None}
