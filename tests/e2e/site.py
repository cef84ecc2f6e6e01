"""Chats for the full-flow tests: the saved fixtures with the chat's name and key swapped, so each
test talks in its own conversation on the shared demo helper."""

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


class ChatSite:
    """Answers https://web.whatsapp.com/** with the chat the test opened last."""

    def __init__(self):
        self.html = phone_chat(SAVED_NAME, "212600000001")

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            await route.fulfill(status=404, body="")
