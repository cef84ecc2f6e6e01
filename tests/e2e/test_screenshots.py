"""The dialog as a seller sees it, in English, French and Arabic (and English in WhatsApp's dark
theme): each browser runs in that language, and the shots go to bench-results/ to be looked at."""

import shutil
import tempfile

import pytest
from playwright.async_api import async_playwright, expect

from tests.browser.harness import PINNED_ID, RESULTS

from .conftest import launch
from .site import ChatSite, phone_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

CASES = [  # locale, theme, dialog title, button, direction
    ("en", "light", "Create an order", "Create the order", "ltr"),
    ("fr", "light", "Créer une commande", "Créer la commande", "ltr"),
    ("ar", "light", "إنشاء طلب", "إنشاء الطلب", "rtl"),
    ("en", "dark", "Create an order", "Create the order", "ltr"),
]


@pytest.mark.parametrize("locale,theme,title,button,direction", CASES)
async def test_dialog_screenshot(helper, locale, theme, title, button, direction):
    profile = tempfile.mkdtemp(prefix=f"sendocki-shot-{locale}-")
    site = ChatSite()
    site.html = phone_chat("Fatima Zahra", "212661234567")
    async with async_playwright() as pw:
        ctx = await launch(pw, profile, locale)
        try:
            await ctx.route("https://web.whatsapp.com/**", site.handle)
            worker = (
                ctx.service_workers[0]
                if ctx.service_workers
                else await ctx.wait_for_event("serviceworker")
            )
            await worker.evaluate(f"chrome.storage.local.set({{helperPort: {helper.port}}})")
            options = await ctx.new_page()
            await options.goto(f"chrome-extension://{PINNED_ID}/options.html")
            await options.locator("#code").fill(helper.pairing_code())
            await options.locator("#pair").click()
            await expect(options.locator("#state")).to_have_attribute("data-state", "paired")
            await options.screenshot(path=RESULTS / f"options-{locale}-{theme}.png")
            await options.close()

            page = ctx.pages[0]
            await page.goto("https://web.whatsapp.com/")
            if theme == "dark":
                await page.evaluate("document.body.classList.add('dark')")
            await page.locator("sendocki-cart-button button").click()
            dialog = page.get_by_role("dialog", name=title)
            await expect(dialog).to_be_visible()
            await expect(dialog).to_have_attribute("dir", direction)
            await expect(dialog.locator(".badge")).to_be_visible()
            await dialog.locator("#sendocki-product-search").fill("sac cuir")
            await dialog.locator(".results button").first.click()
            await dialog.locator("#sendocki-product-search").fill("tshirt blanc")
            await dialog.locator(".results button").first.click()
            await dialog.locator(".link").click()
            await dialog.locator(".line[data-kind=free] input").first.fill("Emballage cadeau")
            await dialog.locator(".line[data-kind=free] input").nth(1).fill("15")
            await dialog.locator("#sendocki-total").fill("320")
            await expect(dialog.get_by_role("button", name=button)).to_be_visible()
            RESULTS.mkdir(exist_ok=True)
            await expect(dialog.locator(".diff")).to_have_text("−23.00\u00a0DH")
            await dialog.locator(".sections").evaluate("(el) => el.scrollTo(0, 0)")
            await page.screenshot(path=RESULTS / f"dialog-{locale}-{theme}.png")
            await dialog.locator(".sections").evaluate("(el) => el.scrollTo(0, 420)")
            await page.screenshot(path=RESULTS / f"dialog-{locale}-{theme}-middle.png")
            await dialog.locator(".sections").evaluate("(el) => el.scrollTo(0, el.scrollHeight)")
            await page.screenshot(path=RESULTS / f"dialog-{locale}-{theme}-bottom.png")
        finally:
            await ctx.close()
            shutil.rmtree(profile, ignore_errors=True)
