"""The docked order form as a seller sees it, at 1366x768 and 1920x1080, in English, French and
Arabic (WhatsApp Web's own language: its page's lang), light and dark; the toolbar popup and the
settings page in each language. The shots go to bench-results/ to be looked at (what to check in
each: docs/extension-ui.md, "Screenshots")."""

import json

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.harness import EXTENSION, PINNED_ID, RESULTS
from tests.support import HelperProcess, free_port

from .flows import pair_through_options
from .site import ADDRESS, conversation_chat
from .test_docked_form import HIDDEN_SHOWN, SELECT_IN_MESSAGE

pytestmark = pytest.mark.asyncio(loop_scope="module")

WORDS = {  # cart label, submit button, direction
    "en": ("Create an order", "Create the order", "ltr"),
    "fr": ("Créer une commande", "Créer la commande", "ltr"),
    "ar": ("إنشاء طلب", "إنشاء الطلب", "rtl"),
}
SIZES = [(1366, 768), (1920, 1080)]
WRONG_HELPER = {  # the start of the popup's text when the identity proof fails
    lang: json.loads((EXTENSION / "_locales" / lang / "messages.json").read_text(encoding="utf-8"))[
        "stateWrongHelper"
    ]["message"]
    for lang in ("en", "fr", "ar")
}


@pytest.fixture(scope="module")
def other_helper(tmp_path_factory):
    other = HelperProcess(tmp_path_factory.mktemp("other-helper") / "data", free_port())
    other.start()
    yield other
    other.stop()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def paired(env):
    await pair_through_options(env)
    RESULTS.mkdir(exist_ok=True)
    return env


async def open_form(env, lang, theme, size):
    page = env["page"]
    await page.set_viewport_size({"width": size[0], "height": size[1]})
    env["site"].html = conversation_chat("Fatima Zahra", "212661234567", lang)
    await page.goto("https://web.whatsapp.com/")
    if theme == "dark":
        await page.evaluate("document.body.classList.add('dark')")
    cart, button, direction = WORDS[lang]
    await page.get_by_role("button", name=cart).click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_have_attribute("dir", direction)
    await expect(dialog.locator(".badge")).to_be_visible()
    await expect(dialog.get_by_role("button", name=button)).to_be_visible()
    return page, dialog


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
async def test_docked_form_screenshot(paired, lang, theme, size):
    page, dialog = await open_form(paired, lang, theme, size)
    await dialog.locator("#sendocki-product-search").fill("sac cuir")
    await dialog.locator(".results button").first.click()
    await dialog.locator("#sendocki-product-search").fill("tshirt blanc")
    await dialog.locator(".results button").first.click()
    # The address taken from the customer's message, the way a seller does it.
    await dialog.locator("#sendocki-address").fill("")
    await page.evaluate(SELECT_IN_MESSAGE, ADDRESS)
    await page.locator("sendocki-take button[data-take=address]").click()
    await expect(dialog.locator("#sendocki-address")).to_have_value(ADDRESS)
    await page.evaluate("document.getSelection().removeAllRanges()")
    assert await page.evaluate(HIDDEN_SHOWN) == []
    name = f"docked-{lang}-{theme}-{size[0]}x{size[1]}"
    await dialog.locator(".sections").evaluate("(el) => el.scrollTo(0, 0)")
    await page.screenshot(path=RESULTS / f"{name}.png")
    await dialog.locator(".sections").evaluate("(el) => el.scrollTo(0, el.scrollHeight)")
    await page.screenshot(path=RESULTS / f"{name}-bottom.png")
    await page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
async def test_after_success_screenshot(paired, lang):
    page, dialog = await open_form(paired, lang, "light", SIZES[0])
    await dialog.locator("#sendocki-product-search").fill("sac cuir")
    await dialog.locator(".results button").first.click()
    await dialog.locator("form button[type=submit]").click()
    if lang != "en":  # the English run's order is still open: one explicit confirmation
        await expect(dialog.locator(".open-orders")).to_be_visible()
        await dialog.locator("form button[type=submit]").click()
    await expect(dialog).to_have_count(0)
    notice = page.locator("sendocki-customer-panel .notice")
    await expect(notice).to_contain_text("WA-")
    await expect(page.locator("#main footer [contenteditable='true']")).to_be_focused()
    await page.screenshot(path=RESULTS / f"success-{lang}.png")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
async def test_popup_and_settings_screenshots(paired, other_helper, lang):
    other = other_helper
    await paired["worker"].evaluate(f"chrome.storage.local.set({{uiLanguage: '{lang}'}})")
    page = await paired["ctx"].new_page()
    try:
        await page.set_viewport_size({"width": 352, "height": 300})
        await page.goto(f"chrome-extension://{PINNED_ID}/popup.html")
        await expect(page.locator("#state-text")).not_to_be_empty()
        await expect(page.locator("#demo")).to_be_visible()  # the demo workspace says so
        await page.screenshot(path=RESULTS / f"popup-{lang}.png")
        await page.set_viewport_size({"width": 900, "height": 640})
        await page.goto(f"chrome-extension://{PINNED_ID}/options.html")
        await expect(page.locator("#state")).to_have_attribute("data-state", "paired")
        await expect(page.locator("#pair-form")).to_be_hidden()
        await page.screenshot(path=RESULTS / f"options-{lang}.png")
        # Both pages follow the browser's dark mode.
        await page.emulate_media(color_scheme="dark")
        await page.screenshot(path=RESULTS / f"options-{lang}-dark.png")
        await page.set_viewport_size({"width": 352, "height": 300})
        await page.goto(f"chrome-extension://{PINNED_ID}/popup.html")
        await expect(page.locator("#demo")).to_be_visible()
        dark_text = await page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert dark_text == "rgb(17, 27, 33)"  # the popup's dark background, not white
        await page.screenshot(path=RESULTS / f"popup-{lang}-dark.png")
        await page.emulate_media(color_scheme="light")
        # Not running: the popup says how to start it on this computer.
        port = paired["helper"].port
        await page.evaluate("chrome.runtime.sendMessage({type: 'set-port', port: 1})")
        await page.set_viewport_size({"width": 352, "height": 300})
        await page.goto(f"chrome-extension://{PINNED_ID}/popup.html")
        await expect(page.locator("#start-command")).to_have_text(
            "systemctl --user start sendocki-helper"
        )
        await page.screenshot(path=RESULTS / f"popup-offline-{lang}.png")
        # Another program answers on the dialled port (here another helper, with its own data):
        # it fails the identity proof, and the popup says nothing was sent to it.
        await page.evaluate(f"chrome.runtime.sendMessage({{type: 'set-port', port: {other.port}}})")
        await page.goto(f"chrome-extension://{PINNED_ID}/popup.html")
        await expect(page.locator("body")).to_have_attribute("data-state", "wrong-helper")
        await expect(page.locator("#state-text")).to_have_text(WRONG_HELPER[lang])
        await expect(page.locator("#connect")).to_be_visible()
        await page.screenshot(path=RESULTS / f"popup-wrong-helper-{lang}.png")
        await page.evaluate(f"chrome.runtime.sendMessage({{type: 'set-port', port: {port}}})")
    finally:
        await paired["worker"].evaluate("chrome.storage.local.remove('uiLanguage')")
        await page.close()
