"""The WhatsApp chat an order comes from, and the customer the agent confirmed for it.

Remembering the customer is what lets a chat whose number WhatsApp hides (a LID) resolve the
second time.
"""

from sendocki_helper.store.models import Conversation

CHAT_SERVERS = ("c.us", "lid")
MAX_KEY_DIGITS = 20


def is_chat_key(key: str) -> bool:
    """`<digits>@c.us` or `<digits>@lid`; groups (`@g.us`), broadcasts and channels are not."""
    user, at, server = key.partition("@")
    return bool(at) and server in CHAT_SERVERS and user.isascii() and user.isdigit() and len(user) <= MAX_KEY_DIGITS


CHAT_KEY_MESSAGE = "must be a WhatsApp chat key: <digits>@c.us or <digits>@lid"


def remembered_customer_id(chat_key: str) -> str | None:
    row = (Conversation.select(Conversation.customer).where(Conversation.chat_key == chat_key)
           .tuples().first())
    return row[0] if row else None


def link(chat_key: str, display_name: str | None, customer_id: str, now: str) -> None:
    """Create or refresh the chat's row; the confirmed customer replaces any earlier one."""
    (Conversation.insert(chat_key=chat_key, display_name=display_name, customer=customer_id,
                         created_at=now, updated_at=now)
     .on_conflict(conflict_target=[Conversation.chat_key],
                  update={Conversation.display_name: display_name, Conversation.customer: customer_id,
                          Conversation.updated_at: now})
     .execute())
