"""Chats for the full-flow tests: the saved 2026 pages with the chat's name swapped and WhatsApp's
own state (module system, React props) built for the chat's id, so each test talks in its own
conversation on the shared demo helper."""

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
    state = {"active": key, "chats": [{"id": key, "formattedTitle": title, "contact": {"pushname": name}}]}
    return _page(LID_PAGE, LID_NAME, title, state)


def title_only_chat(name: str) -> str:
    """A 1:1 chat where WhatsApp's state cannot be read at all: only its title identifies it."""
    return _page(LID_PAGE, LID_NAME, name, None)


def lid_chat_titled(name: str, lid_digits: str) -> str:
    """The same chat as `title_only_chat(name)` once WhatsApp's state is readable (its LID)."""
    key = f"{lid_digits}@lid"
    state = {"active": key, "chats": [{"id": key, "formattedTitle": name, "contact": {"name": name}}]}
    return _page(LID_PAGE, LID_NAME, name, state)


class ChatSite:
    """Answers https://web.whatsapp.com/** with the chat the test opened last."""

    def __init__(self):
        self.html = phone_chat(PHONE_NAME, "212600000010")

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            await route.fulfill(status=404, body="")
