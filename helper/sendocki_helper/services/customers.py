"""Customer cards: resolution by phone or conversation, with stats and recent orders.

Several cards on one phone are all returned and flagged; nothing is merged silently.
Plain SQL (services/sql.py): this is the path the dialog waits on when it opens.
"""

import json
from dataclasses import dataclass
from typing import Any

from sendocki_helper import clock
from sendocki_helper.services import conversations, settings, workspace
from sendocki_helper.services.errors import FieldError, validation_error
from sendocki_helper.services.phones import PhoneError, chat_key_number, national, normalise
from sendocki_helper.services.sql import aggregate, one, rows
from sendocki_helper.store.fields import from_centimes

RECENT_ORDERS = 5
OPEN_ORDERS = 10
_EXCLUDED = sorted(workspace.NOT_SPENT_STATES)
CARD_COLUMNS = "id, name, phone, email, tags, created_at"


@dataclass
class Card:
    id: str
    name: str
    phone: str | None
    email: str | None
    tags: list
    created_at: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> "Card":
        return cls(row[0], row[1], row[2], row[3], json.loads(row[4] or "[]"), row[5])


def region() -> str:
    return settings.get("default_region", settings.DEFAULTS["default_region"])


def cards_for_phone(e164: str) -> list[Card]:
    found = rows(
        f"SELECT {CARD_COLUMNS} FROM customers WHERE phone = ? ORDER BY created_at, rowid", (e164,)
    )
    return [Card.from_row(r) for r in found]


def card_by_id(customer_id: str) -> Card | None:
    row = one(f"SELECT {CARD_COLUMNS} FROM customers WHERE id = ?", (customer_id,))
    return Card.from_row(row) if row else None


def resolve(phone: str | None, conversation: str | None, title_key: str | None = None) -> dict:
    if not phone and not conversation:
        raise validation_error(
            "Nothing to resolve",
            FieldError("phone", "give a phone or a conversation", "phone_or_conversation"),
        )
    if conversation and not conversations.is_chat_key(conversation):
        raise validation_error("Invalid conversation", conversations.chat_key_error("conversation"))
    e164 = None
    if phone:
        try:
            e164 = normalise(phone, region())
        except PhoneError as error:
            raise validation_error("Invalid phone", error.field("phone")) from None

    if title_key and not conversations.is_title_key(title_key):
        raise validation_error("Invalid conversation", conversations.chat_key_error("title_key"))
    remembered = (
        conversations.remembered_customer_id(conversation, title_key) if conversation else None
    )
    if e164 is None and remembered is None and conversation:
        e164 = _chat_number(conversation)  # a @c.us key carries the number itself
    cards: list[Card] = []
    matched_by = None
    if e164:
        cards = cards_for_phone(e164)
        matched_by = "phone" if cards else None
    if not cards and remembered:
        card = card_by_id(remembered)
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
        return normalise(number, region()) if number else None
    except PhoneError:
        return None


def describe_cards(cards: list[Card]) -> list[dict]:
    duplicate = len(cards) > 1
    home = region()
    return [
        {
            "id": c.id,
            "name": c.name,
            "phone": c.phone,
            "phone_national": national(c.phone, home),
            "email": c.email,
            "tags": c.tags,
            "duplicate": duplicate,
            "addresses": addresses(c.id),
            "stats": stats(c.id),
            "recent_orders": recent_orders(c.id),
            "open_orders": open_orders(c.id),
        }
        for c in cards
    ]


def addresses(customer_id: str) -> list[dict]:
    # In the order they were saved.
    found = rows(
        "SELECT id, line, city FROM addresses WHERE customer_id = ? ORDER BY created_at, rowid",
        (customer_id,),
    )
    return [{"id": r[0], "line": r[1], "city": r[2]} for r in found]


_STATS_SQL = (
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.state IN ("
    + ", ".join("?" for _ in _EXCLUDED)
    + ") "
    "THEN 0 ELSE o.total END), 0) FROM orders o JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ?"
)


def stats(customer_id: str) -> dict:
    """Orders counts every order; total spent leaves out cancelled, returned and failed deliveries."""
    count, spent = aggregate(_STATS_SQL, (*_EXCLUDED, customer_id))
    return {"orders": count, "total_spent": from_centimes(spent)}


def recent_orders(customer_id: str, limit: int = RECENT_ORDERS) -> list[dict]:
    found = rows(
        "SELECT o.id, o.number, o.total, o.created_at, s.id, s.name, s.color, s.state FROM orders o "
        "JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ? "
        "ORDER BY o.created_at DESC, o.seq DESC LIMIT ?",
        (customer_id, limit),
    )
    return [
        {
            "id": r[0],
            "number": r[1],
            "total": from_centimes(r[2]),
            "created_at": clock.display(r[3]),
            "stage": {"id": r[4], "name": r[5], "color": r[6], "state": r[7]},
        }
        for r in found
    ]


_CLOSED = sorted(workspace.CLOSED_STATES)
_OPEN_SQL = (
    "SELECT o.id, o.number, o.external_number, o.total, o.created_at, o.origin, s.id, s.name,"
    " s.color, s.state, a.id, a.name FROM orders o JOIN stages s ON s.id = o.stage_id"
    " LEFT JOIN agents a ON a.id = o.created_by_agent_id WHERE o.customer_id = ?"
    " AND (s.state IS NULL OR s.state NOT IN (" + ", ".join("?" for _ in _CLOSED) + "))"
    " ORDER BY o.seq DESC LIMIT ?"
)


def open_orders(customer_id: str, limit: int = OPEN_ORDERS) -> list[dict]:
    """Orders still in play (not delivered, returned, cancelled or failed), newest first, with
    who created them: a teammate's open order is a reason to look before creating another."""
    return [
        {
            "id": r[0],
            "number": r[2] or r[1],  # the number its creator gave it (a teammate's WA-…)
            "total": from_centimes(r[3]),
            "created_at": clock.display(r[4]),
            "origin": r[5],
            "stage": {"id": r[6], "name": r[7], "color": r[8], "state": r[9]},
            "created_by": None if r[10] is None else {"id": r[10], "name": r[11]},
        }
        for r in rows(_OPEN_SQL, (customer_id, *_CLOSED, limit))
    ]
