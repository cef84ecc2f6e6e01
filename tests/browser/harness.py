"""Helpers for the extension's browser tests: the fixture site, the isolated-world evaluator."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
FIXTURES = EXTENSION / "tests" / "fixtures"
FAKE_WHATSAPP = EXTENSION / "tests" / "helpers" / "fake-whatsapp.js"
RESULTS = ROOT / "bench-results"
CHROMIUM = "/usr/bin/chromium"
PINNED_ID = "igekjiaegmikgckdbhadfnjpmajbfoak"
META = re.compile(r"<!-- sendocki-fixture: (\{.*?\}) -->", re.S)

figures: list[str] = []


def fixture_meta(name: str) -> dict:
    return json.loads(META.search((FIXTURES / f"{name}.html").read_text(encoding="utf-8")).group(1))


def report(line: str) -> None:
    """Figures printed in the terminal summary whether or not pytest captures output."""
    figures.append(line)
    print(line)


class WhatsAppSite:
    """Answers https://web.whatsapp.com/** with the chosen fixture, as WhatsApp's server would."""

    def __init__(self):
        self.fixture = "no-chat"
        self.wa_state = None

    def page_html(self) -> str:
        html = (FIXTURES / f"{self.fixture}.html").read_text(encoding="utf-8")
        if self.wa_state is None:
            return html
        # WhatsApp's own scripts stand here on the real site: a fake module registry for the probe.
        script = (
            "<script>"
            + FAKE_WHATSAPP.read_text(encoding="utf-8")
            + f"\nwindow.__fakeWhatsApp = installFakeWhatsApp(window, {json.dumps(self.wa_state)});</script>"
        )
        return html.replace("<head>", "<head>" + script, 1)

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=self.page_html()
            )
        else:
            await route.fulfill(status=404, body="")


async def open_chat(env, fixture: str, probe: bool = False):
    """Loads a fixture as https://web.whatsapp.com/ and waits until the content script ran."""
    env["site"].fixture = fixture
    env["site"].wa_state = fixture_meta(fixture).get("waState") if probe else None
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await page.wait_for_load_state("load")
    return page


async def isolated_eval(page, expression: str):
    """Evaluates in the content script's isolated world (the page cannot see its state)."""
    cdp = await page.context.new_cdp_session(page)
    contexts = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    try:
        await cdp.send("Runtime.enable")
        ours = [
            c
            for c in contexts
            if c.get("auxData", {}).get("type") == "isolated" and PINNED_ID in c.get("origin", "")
        ]
        assert ours, "the content script's world was not found"
        result = await cdp.send(
            "Runtime.evaluate",
            {
                "expression": expression,
                "contextId": ours[-1]["id"],
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")
    finally:
        await cdp.detach()
