"""The WhatsApp chat an order comes from, and the customer the agent confirmed for it.

Remembering the customer is what lets a chat whose number WhatsApp hides (a LID) resolve the
second time.
"""

from sendocki_helper.services.errors import FieldError
from sendocki_helper.services.sql import execute, one

CHAT_SERVERS = ("c.us", "lid")
MAX_KEY_DIGITS = 20
CHAT_KEY_MESSAGE = "must be a WhatsApp chat key: <digits>@c.us or <digits>@lid"


def is_chat_key(key: str) -> bool:
    """`<digits>@c.us` or `<digits>@lid`; groups (`@g.us`), broadcasts and channels are not."""
    user, at, server = key.partition("@")
    return (
        bool(at)
        and server in CHAT_SERVERS
        and user.isascii()
        and user.isdigit()
        and len(user) <= MAX_KEY_DIGITS
    )


def chat_key_error(path: str) -> FieldError:
    return FieldError(path, CHAT_KEY_MESSAGE, "chat_key_invalid")


def remembered_customer_id(chat_key: str) -> str | None:
    row = one("SELECT customer_id FROM conversations WHERE chat_key = ?", (chat_key,))
    return row[0] if row else None


def link(chat_key: str, display_name: str | None, customer_id: str, now: str) -> None:
    """Create or refresh the chat's row; the confirmed customer replaces any earlier one."""
    execute(
        "INSERT INTO conversations (chat_key, display_name, customer_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_key) DO UPDATE SET "
        "display_name = COALESCE(excluded.display_name, conversations.display_name), "
        "customer_id = excluded.customer_id, updated_at = excluded.updated_at",
        (chat_key, display_name, customer_id, now, now),
    )
    # Orders a teammate or Sendocki's web app made for this customer now belong to the chat too.
    execute(
        "UPDATE orders SET conversation_key = ? WHERE customer_id = ? AND origin = 'sendocki'"
        " AND conversation_key IS NULL",
        (chat_key, customer_id),
    )
