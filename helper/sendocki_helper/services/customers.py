"""Customer cards: resolution by phone or conversation, with stats and recent orders.

Several cards on one phone are all returned and flagged; nothing is merged silently.
"""

from decimal import Decimal

from peewee import SQL

from sendocki_helper import clock
from sendocki_helper.services import conversations, workspace
from sendocki_helper.services.errors import FieldError, validation_error
from sendocki_helper.services.phones import PhoneError, chat_key_number, normalise
from sendocki_helper.store.fields import CENT
from sendocki_helper.store.models import Address, Customer, Order, Stage, database_proxy

RECENT_ORDERS = 5


def cards_for_phone(e164: str) -> list[Customer]:
    return list(Customer.select().where(Customer.phone == e164).order_by(Customer.created_at, Customer.id))


def resolve(phone: str | None, conversation: str | None) -> dict:
    if not phone and not conversation:
        raise validation_error("Nothing to resolve", FieldError("phone", "give a phone or a conversation"))
    if conversation and not conversations.is_chat_key(conversation):
        raise validation_error("Invalid conversation", FieldError("conversation", conversations.CHAT_KEY_MESSAGE))
    e164 = None
    if phone:
        try:
            e164 = normalise(phone, workspace.default_region())
        except PhoneError as error:
            raise validation_error("Invalid phone", error.field("phone")) from None

    remembered = conversations.remembered_customer_id(conversation) if conversation else None
    if e164 is None and remembered is None and conversation:
        e164 = _chat_number(conversation)  # a @c.us key carries the number itself
    cards: list[Customer] = []
    matched_by = None
    if e164:
        cards = cards_for_phone(e164)
        matched_by = "phone" if cards else None
    if not cards and remembered:
        card = Customer.get_or_none(Customer.id == remembered)
        cards = [card] if card else []
        matched_by = "conversation" if cards else None
        if card and e164 is None:
            e164 = card.phone
    # The card the agent confirmed for this chat comes first.
    cards.sort(key=lambda c: c.id != remembered)
    status = "unknown" if not cards else ("existing" if len(cards) == 1 else "duplicates")
    return {
        "phone": e164,
        "status": status,
        "matched_by": matched_by,
        "conversation": conversation,
        "customers": describe_cards(cards),
    }


def _chat_number(chat_key: str) -> str | None:
    number = chat_key_number(chat_key)
    try:
        return normalise(number, workspace.default_region()) if number else None
    except PhoneError:
        return None


def describe_cards(cards: list[Customer]) -> list[dict]:
    if not cards:
        return []
    ids = [c.id for c in cards]
    addresses: dict[str, list] = {i: [] for i in ids}
    # In the order they were saved.
    for a in Address.select().where(Address.customer.in_(ids)).order_by(Address.created_at, SQL("rowid")):
        addresses[a.customer_id].append({"id": a.id, "line": a.line, "city": a.city})
    duplicate = len(cards) > 1
    return [
        {"id": c.id, "name": c.name, "phone": c.phone, "email": c.email, "tags": c.tags or [],
         "duplicate": duplicate, "addresses": addresses[c.id], "stats": stats(c.id),
         "recent_orders": recent_orders(c.id)}
        for c in cards
    ]


def stats(customer_id: str) -> dict:
    """Orders counts every order; total spent leaves out cancelled, returned and failed deliveries."""
    excluded = sorted(workspace.NOT_SPENT_STATES)
    placeholders = ", ".join("?" for _ in excluded)
    count, spent = database_proxy.execute_sql(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.state IN (" + placeholders + ") THEN 0 ELSE o.total END), 0) "
        "FROM orders o JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ?",
        (*excluded, customer_id),
    ).fetchone()
    return {"orders": count, "total_spent": (Decimal(spent) / 100).quantize(CENT)}


def recent_orders(customer_id: str, limit: int = RECENT_ORDERS) -> list[dict]:
    query = (Order.select(Order.id, Order.number, Order.total, Order.created_at,
                          Stage.id, Stage.name, Stage.color, Stage.state)
             .join(Stage).where(Order.customer == customer_id)
             .order_by(Order.created_at.desc(), Order.seq.desc()).limit(limit))
    return [
        {"id": o.id, "number": o.number, "total": o.total, "created_at": clock.display(o.created_at),
         "stage": {"id": o.stage.id, "name": o.stage.name, "color": o.stage.color, "state": o.stage.state}}
        for o in query
    ]
