"""Chats for the full-flow tests: the saved 2026 pages with the chat's name swapped and WhatsApp's
own state (module system, React props) built for the chat's id, so each test talks in its own
conversation on the shared demo helper."""

import html as html_text
import re

from tests.browser.harness import FIXTURES, with_whatsapp

PHONE_PAGE, PHONE_NAME = "header-rerendered", "Hamza Demo"
LID_PAGE, LID_NAME = "lid-no-phone", "~ Salma"


def _page(fixture: str, old_name: str, new_name: str, wa_state: dict | None) -> str:
    html = (FIXTURES / f"{fixture}.html").read_text(encoding="utf-8").replace(old_name, new_name)
    return with_whatsapp(html, wa_state)


def phone_chat(name: str, digits: str) -> str:
    """A 1:1 chat on `<digits>@c.us`: WhatsApp's state gives the number."""
    key = f"{digits}@c.us"
    contact = {} if name.startswith("+") else {"name": name}
    state = {"active": key, "chats": [{"id": key, "formattedTitle": name, "contact": contact}]}
    return _page(PHONE_PAGE, PHONE_NAME, name, state)


def lid_chat(name: str, lid_digits: str) -> str:
    """A 1:1 chat keyed by a LID, with no number anywhere (not in WhatsApp's state either)."""
    key = f"{lid_digits}@lid"
    title = f"~ {name}"
    state = {
        "active": key,
        "chats": [{"id": key, "formattedTitle": title, "contact": {"pushname": name}}],
    }
    return _page(LID_PAGE, LID_NAME, title, state)


def title_only_chat(name: str) -> str:
    """A 1:1 chat where WhatsApp's state cannot be read at all: only its title identifies it."""
    return _page(LID_PAGE, LID_NAME, name, None)


def lid_chat_titled(name: str, lid_digits: str) -> str:
    """The same chat as `title_only_chat(name)` once WhatsApp's state is readable (its LID)."""
    key = f"{lid_digits}@lid"
    state = {
        "active": key,
        "chats": [{"id": key, "formattedTitle": name, "contact": {"name": name}}],
    }
    return _page(LID_PAGE, LID_NAME, name, state)


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
    "<style>.x-msg{display:flex;flex-direction:column}"
    ".message-in,.message-out{max-width:60%;margin:3px 24px;padding:6px 9px;border-radius:8px;"
    "background:#fff;color:#111b21;box-shadow:0 1px .5px rgba(11,20,26,.13);font-size:14.2px}"
    ".message-out{align-self:flex-end;background:#d9fdd3}"
    ".dark .message-in{background:#202c33;color:#e9edef}.dark .message-out{background:#005c4b;"
    "color:#e9edef}.x-sys{text-align:center;margin:8px;font-size:12.5px;color:#54656f}</style>"
)
LIST = re.compile(r'<div class="x-list">.*?</div></div></div>(?=<footer)', re.S)


def conversation_chat(name: str, digits: str, lang: str = "en") -> str:
    """A 1:1 chat with a few messages (bare message ids, as in 2026), in WhatsApp Web's interface
    language `lang` (its <html lang>; Arabic lays the page out right to left as WhatsApp does)."""
    page = phone_chat(name, digits)
    rows = []
    for i, (side, text) in enumerate(CONVERSATION):
        rows.append(
            f'<div role="row"><div tabindex="-1" class="x-msg" data-id="3EB0C0FFEE{i:04d}">'
            f'<div class="message-{side}"><div class="copyable-text"><span dir="ltr" '
            f'class="selectable-text copyable-text"><span>{html_text.escape(text)}</span></span>'
            "</div></div></div></div>"
        )
    page = LIST.sub(
        lambda _: '<div class="x-list">' + "".join(rows) + "</div></div></div>", page, count=1
    )
    direction = "rtl" if lang == "ar" else "ltr"
    page = page.replace('<html lang="en" dir="ltr"', f'<html lang="{lang}" dir="{direction}"', 1)
    return page.replace("</head>", BUBBLES + "</head>", 1)


class ChatSite:
    """Answers https://web.whatsapp.com/** with the chat the test opened last."""

    def __init__(self):
        self.html = phone_chat(PHONE_NAME, "212600000010")

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            await route.fulfill(status=404, body="")
