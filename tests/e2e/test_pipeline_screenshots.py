"""The pipeline view and the panel's stage menu as a seller sees them, in English, French and
Arabic, light and dark: each browser runs in that language; the shots go to bench-results/."""

import json
import shutil
import tempfile
import urllib.request
import uuid

import pytest
from playwright.async_api import async_playwright, expect

from tests.browser.harness import PINNED_ID, RESULTS, extension_worker, open_shadow_roots

from .conftest import launch
from .site import ChatSite, conversation_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

CASES = [  # locale, theme, pipeline title, direction
    ("en", "light", "Pipeline", "ltr"),
    ("fr", "light", "Pipeline", "ltr"),
    ("ar", "light", "مسار الطلبات", "rtl"),
    ("en", "dark", "Pipeline", "ltr"),
    ("ar", "dark", "مسار الطلبات", "rtl"),
]
CHAT = "212661234567"


def post(helper, token, path, body, key=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(
        helper.base_url + path, data=json.dumps(body).encode(), method="POST", headers=headers
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def seed_orders(helper, token):
    workspace_request = urllib.request.Request(
        helper.base_url + "/v1/workspace", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(workspace_request, timeout=10) as answer:
        stages = {s["name"]: s["id"] for s in json.loads(answer.read())["stages"]}
    made = []
    for i, (sku, stage) in enumerate(
        [("SAC-CUIR-NOIR", "New"), ("SAC-DOS", "Confirmed"), ("POCHETTE-SOIREE", "Unreachable")]
    ):
        body = {
            "customer": {"name": "Fatima Zahra Benali", "phone": f"+{CHAT}"},
            "lines": [{"kind": "catalog", "sku": sku, "quantity": 1 + i}],
            "conversation": {"chat_key": f"{CHAT}@c.us", "display_name": "Fatima Zahra"},
        }
        order = post(helper, token, "/v1/orders", body, str(uuid.uuid4()))
        if stage != "New":
            post(
                helper,
                token,
                f"/v1/orders/{order['id']}/stage",
                {"stage_id": stages[stage]},
                str(uuid.uuid4()),
            )
        made.append(order)
    return made


@pytest.mark.parametrize("locale,theme,title,direction", CASES)
async def test_pipeline_and_panel_screenshots(helper, locale, theme, title, direction):
    profile = tempfile.mkdtemp(prefix=f"sendocki-pipeline-{locale}-")
    site = ChatSite()
    # WhatsApp Web in the same language: the panel follows the page's language.
    site.html = conversation_chat("Fatima Zahra", CHAT, locale)
    RESULTS.mkdir(exist_ok=True)
    async with async_playwright() as pw:
        ctx = await launch(pw, profile, locale)
        try:
            await ctx.route("https://web.whatsapp.com/**", site.handle)
            worker = await extension_worker(ctx)
            await worker.evaluate(f"chrome.storage.local.set({{helperPort: {helper.port}}})")
            await open_shadow_roots(worker)  # the panel's menu is opened through a locator
            options = await ctx.new_page()
            await options.goto(f"chrome-extension://{PINNED_ID}/options.html")
            await options.locator("#code").fill(helper.pairing_code())
            await options.locator("#pair").click()
            await expect(options.locator("#state")).to_have_attribute("data-state", "paired")
            await expect(options.locator("#agent-section")).to_be_visible()
            await options.close()
            token = await worker.evaluate(
                "self.SendockiWorker.tokenStore.createTokenStore(indexedDB).get()"
            )
            if locale == "en" and theme == "light":
                seed_orders(helper, token)

            view = await ctx.new_page()
            await view.emulate_media(color_scheme=theme)
            await view.goto(f"chrome-extension://{PINNED_ID}/pipeline.html")
            await expect(view.locator("h1")).to_have_text(title)
            await expect(view.locator("html")).to_have_attribute("dir", direction)
            await expect(view.locator("tbody tr").first).to_be_visible()
            await view.locator("tbody .badge").first.click()
            await expect(view.locator(".menu")).to_be_visible()
            await view.screenshot(path=RESULTS / f"pipeline-{locale}-{theme}.png")
            await view.close()

            page = ctx.pages[0]
            await page.goto("https://web.whatsapp.com/")
            if theme == "dark":
                await page.evaluate("document.body.classList.add('dark')")
            panel = page.locator("sendocki-customer-panel")
            await panel.locator(".toggle").click()
            await panel.locator("li button.stage").first.click()
            await expect(panel.locator(".menu")).to_be_visible()
            await expect(panel.locator("[dir]").first).to_have_attribute("dir", direction)
            await page.screenshot(path=RESULTS / f"panel-menu-{locale}-{theme}.png")
        finally:
            await ctx.close()
            shutil.rmtree(profile, ignore_errors=True)
