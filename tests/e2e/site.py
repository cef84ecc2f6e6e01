"""Chats for the full-flow tests: the saved fixtures with the chat's name and key swapped, so each
test talks in its own conversation on the shared demo helper."""

import html as html_text
import re

from tests.browser.harness import FIXTURES

SAVED_NAME = "Amina Test"
SAVED_KEY = "212600000001@c.us"
LID_NAME = "~ Yasmine"
LID_KEY = "987654321098765@lid"


def phone_chat(name: str, digits: str) -> str:
    """A 1:1 chat whose rows carry `<digits>@c.us` (the number is readable)."""
    html = (FIXTURES / "saved-contact.html").read_text(encoding="utf-8")
    return html.replace(SAVED_KEY, f"{digits}@c.us").replace(SAVED_NAME, name)


def lid_chat(name: str, lid_digits: str) -> str:
    """A 1:1 chat keyed by a LID, with no number anywhere on the page."""
    html = (FIXTURES / "lid-unknown.html").read_text(encoding="utf-8")
    return html.replace(LID_KEY, f"{lid_digits}@lid").replace(LID_NAME, f"~ {name}")


ROW = re.compile(
    r'<div role="row" class="x1n2onr6"><div tabindex="-1" class="_amjv.*?'
    r"</div></div></div></div></div></div></div>"
)
# A seller's usual exchange: the details the order needs are in the customer's messages.
CONVERSATION = [
    ("in", "Salam, bghit sac cuir marron, 2 pièces"),
    ("out", "Merci ! Quelle est votre adresse de livraison ?"),
    ("in", "25 Rue Ibnou Batouta, Maarif, Casablanca"),
    ("in", "Appelez-moi avant de passer svp"),
]
ADDRESS = CONVERSATION[2][1]
# Bubbles as WhatsApp draws them (customer at the start side, seller at the end side), so that
# screenshots show what the docked form leaves visible.
BUBBLES = (
    "<style>.x9f619.x1hx0egp{display:flex;flex-direction:column}"
    ".message-in,.message-out{max-width:60%;margin:3px 24px;padding:6px 9px;border-radius:8px;"
    "background:#fff;color:#111b21;box-shadow:0 1px .5px rgba(11,20,26,.13);font-size:14.2px}"
    ".message-out{align-self:flex-end;background:#d9fdd3}"
    ".dark .message-in{background:#202c33;color:#e9edef}.dark .message-out{background:#005c4b;"
    "color:#e9edef}._amk6{text-align:center;margin:8px;font-size:12.5px;color:#54656f}</style>"
)


def conversation_chat(name: str, digits: str, lang: str = "en") -> str:
    """A 1:1 chat with a few messages, in WhatsApp Web's interface language `lang` (its <html
    lang>; Arabic lays the page out right to left as WhatsApp does)."""
    page = phone_chat(name, digits)
    incoming, outgoing = ROW.findall(page)[:2]
    rows = []
    for i, (side, text) in enumerate(CONVERSATION):
        row = (incoming if side == "in" else outgoing).replace(
            "Message text", html_text.escape(text)
        )
        rows.append(row.replace("F60001", f"F6{i:04d}").replace("F60002", f"F6{i:04d}"))
    start = page.index(incoming)
    end = page.index(outgoing) + len(outgoing)
    page = page[:start] + "".join(rows) + page[end:]
    direction = "rtl" if lang == "ar" else "ltr"
    page = page.replace('<html lang="en" dir="ltr"', f'<html lang="{lang}" dir="{direction}"', 1)
    return page.replace("</head>", BUBBLES + "</head>", 1)


class ChatSite:
    """Answers https://web.whatsapp.com/** with the chat the test opened last."""

    def __init__(self):
        self.html = phone_chat(SAVED_NAME, "212600000001")

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            await route.fulfill(status=404, body="")
