"""Helpers for the extension's browser tests: the fixture site, the isolated-world evaluator."""

import json
import re
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
FIXTURES = EXTENSION / "tests" / "fixtures"
FAKE_WHATSAPP = EXTENSION / "tests" / "helpers" / "fake-whatsapp.js"
RESULTS = ROOT / "bench-results"
CHROMIUM = "/usr/bin/chromium"
PINNED_ID = "igekjiaegmikgckdbhadfnjpmajbfoak"
META = re.compile(r"<!-- sendocki-fixture: (\{.*?\}) -->", re.S)

# Headless Chromium for tests and benchmarks: quiet (no updates, sync or background traffic).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

figures: list[str] = []
_results: dict = {}


def fixture_meta(name: str) -> dict:
    return json.loads(META.search((FIXTURES / f"{name}.html").read_text(encoding="utf-8")).group(1))


def report(line: str) -> None:
    """Figures printed in the terminal summary whether or not pytest captures output."""
    figures.append(line)
    print(line)


def with_whatsapp(html: str, wa_state: dict | None) -> str:
    """The saved page with WhatsApp's own scripts standing in (tests/helpers/fake-whatsapp.js):
    its module system, React props, IndexedDB and composer, built from `wa_state`."""
    if wa_state is None:
        return html
    script = (
        "<script>"
        + FAKE_WHATSAPP.read_text(encoding="utf-8")
        + f"\nwindow.__fakeWhatsApp = installFakeWhatsApp(window, {json.dumps(wa_state)});</script>"
    )
    return html.replace("<head>", "<head>" + script, 1)


class WhatsAppSite:
    """Answers https://web.whatsapp.com/** with the chosen fixture, as WhatsApp's server would;
    `late-modules.js` is the lazily loaded script that registers the modules held back."""

    def __init__(self):
        self.fixture = "no-chat"
        self.wa_state = None

    def page_html(self) -> str:
        html = (FIXTURES / f"{self.fixture}.html").read_text(encoding="utf-8")
        return with_whatsapp(html, self.wa_state)

    async def handle(self, route):
        if route.request.resource_type == "document":
            await route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=self.page_html()
            )
        elif route.request.url.endswith("/late-modules.js"):
            await route.fulfill(
                status=200,
                content_type="text/javascript",
                body="window.__fakeWhatsApp && window.__fakeWhatsApp.registerLate();",
            )
        else:
            await route.fulfill(status=404, body="")


async def open_chat(env, fixture: str, probe: bool = True):
    """Loads a fixture as https://web.whatsapp.com/ and waits until the content script ran.
    `probe`: WhatsApp's own scripts (the fixture's waState) run in the page, as on the live site."""
    env["site"].fixture = fixture
    env["site"].wa_state = fixture_meta(fixture).get("waState") if probe else None
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await page.wait_for_load_state("load")
    return page


OPEN_ROOTS_FLAG = "developer.openShadowRoots"


async def open_shadow_roots(worker, on: bool = True) -> None:
    """The extension-only developer flag (src/ui/page-guard.js): pages loaded afterwards get our
    hosts with OPEN shadow roots, so locators reach inside. Only extension contexts can write
    chrome.storage; a WhatsApp page cannot. Off (the default, closed roots) for security tests."""
    if on:
        await worker.evaluate(f"chrome.storage.local.set({{'{OPEN_ROOTS_FLAG}': true}})")
    else:
        await worker.evaluate(f"chrome.storage.local.remove('{OPEN_ROOTS_FLAG}')")


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


def summary(values):
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "median": round(statistics.median(values), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def save(name, figures_of_one, unit="ms"):
    """Prints one measurement and keeps every one in bench-results/extension-timing.json."""
    _results[name] = figures_of_one
    report(
        f"{name}: median {figures_of_one['median']} {unit}, p95 {figures_of_one['p95']} {unit}, "
        f"max {figures_of_one['max']} {unit} (n={figures_of_one['n']})"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extension-timing.json").write_text(json.dumps(_results, indent=2) + "\n")


async def launch_with_extension(pw, profile, extension=EXTENSION, locale=None, **options):
    """Chromium with one unpacked extension loaded, and only it; `locale` sets Chromium's UI
    language (and the system's, which the extension's default language follows)."""
    args = [*CHROMIUM_ARGS]
    if locale:
        args.append(f"--lang={locale}")
        options["locale"] = locale
        if locale != "en":
            options["env"] = {"LANGUAGE": locale, "LANG": f"{locale}.UTF-8"}
    args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    return await pw.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=args, **options
    )


async def extension_worker(ctx):
    """The extension's service worker, once it has started."""
    return (
        ctx.service_workers[0] if ctx.service_workers else await ctx.wait_for_event("serviceworker")
    )
