"""The WhatsApp chat an order comes from, and the customer the agent confirmed for it.

Remembering the customer is what lets a chat whose number WhatsApp hides (a LID) resolve the
second time.

Two kinds of key (docs/orders.md, "Conversation keys"):
- a chat id, `<digits>@c.us` or `<digits>@lid`, read from WhatsApp's own state;
- a title key, `title:<16 hex>`, which the extension derives from the chat's title when WhatsApp's
  state cannot be read (2026 pages carry no chat id in the DOM). Weaker (two chats with one title
  share it), but an order is never refused for want of a chat id. When an order later arrives with
  the real chat id and the same chat's title key, the title key's orders and link move to the id.
"""

import re

from sendocki_helper.services.errors import FieldError
from sendocki_helper.services.sql import execute, one

CHAT_SERVERS = ("c.us", "lid")
MAX_KEY_DIGITS = 20
TITLE_KEY = re.compile(r"title:[0-9a-f]{8,16}")
CHAT_KEY_MESSAGE = "is not a WhatsApp conversation this helper can link"


def is_chat_id(key: str) -> bool:
    """`<digits>@c.us` or `<digits>@lid`; groups (`@g.us`), broadcasts and channels are not."""
    user, at, server = key.partition("@")
    return (
        bool(at)
        and server in CHAT_SERVERS
        and user.isascii()
        and user.isdigit()
        and len(user) <= MAX_KEY_DIGITS
    )


def is_title_key(key: str) -> bool:
    return TITLE_KEY.fullmatch(key) is not None


def is_chat_key(key: str) -> bool:
    """A key a conversation can be stored under: a chat id or a title key."""
    return is_chat_id(key) or is_title_key(key)


def chat_key_error(path: str) -> FieldError:
    return FieldError(path, CHAT_KEY_MESSAGE, "chat_key_invalid")


def remembered_customer_id(chat_key: str, title_key: str | None = None) -> str | None:
    """The customer confirmed for the chat, by its key first, then by its title key."""
    for key in (chat_key, title_key):
        if key:
            row = one("SELECT customer_id FROM conversations WHERE chat_key = ?", (key,))
            if row and row[0]:
                return row[0]
    return None


def keys_of(chat_key: str, title_key: str | None) -> list[str]:
    """The keys one chat's orders may be stored under (the title key until it is re-linked)."""
    keys = [chat_key]
    if title_key and is_title_key(title_key) and title_key != chat_key:
        keys.append(title_key)
    return keys


def link(
    chat_key: str, display_name: str | None, customer_id: str, now: str, title_key: str | None
) -> None:
    """Create or refresh the chat's row; the confirmed customer replaces any earlier one.

    Given the real chat id and the same chat's title key, the title key's orders move to the
    chat id and its row goes (in the caller's transaction, with the order).
    """
    execute(
        "INSERT INTO conversations (chat_key, display_name, customer_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_key) DO UPDATE SET "
        "display_name = COALESCE(excluded.display_name, conversations.display_name), "
        "customer_id = excluded.customer_id, updated_at = excluded.updated_at",
        (chat_key, display_name, customer_id, now, now),
    )
    if is_chat_id(chat_key) and title_key and is_title_key(title_key):
        execute(
            "UPDATE orders SET conversation_key = ? WHERE conversation_key = ?",
            (chat_key, title_key),
        )
        execute("DELETE FROM conversations WHERE chat_key = ?", (title_key,))
    # Orders a teammate or Sendocki's web app made for this customer now belong to the chat too.
    execute(
        "UPDATE orders SET conversation_key = ? WHERE customer_id = ? AND origin = 'sendocki'"
        " AND conversation_key IS NULL",
        (chat_key, customer_id),
    )
