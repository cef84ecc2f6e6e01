"""The order form from a seller's chair, in real Chromium with a real helper: docked beside the
chat (the conversation stays readable and selectable), an address taken from a message with one
click, field errors in French and Arabic from the helper's codes, the phone left to right in
Arabic, and every `hidden` element really hidden."""

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.harness import RESULTS

from .flows import pair_through_options
from .site import ADDRESS, conversation_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

# Every element carrying `hidden` inside our hosts' shadow roots, with its computed display.
HIDDEN_SHOWN = """() => {
  const shown = [];
  for (const host of document.querySelectorAll(
      'sendocki-order-dialog, sendocki-customer-panel, sendocki-cart-button, sendocki-take')) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const el of root.querySelectorAll('[hidden]')) {
      if (getComputedStyle(el).display !== 'none') shown.push(host.tagName + ' ' + el.outerHTML.slice(0, 80));
    }
  }
  return shown;
}"""

SELECT_IN_MESSAGE = """(text) => {
  const span = [...document.querySelectorAll('#main .selectable-text span')]
    .find((s) => s.textContent.includes(text));
  const node = span.firstChild;
  const start = node.textContent.indexOf(text);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + text.length);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return span.getBoundingClientRect().toJSON();
}"""


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def paired(env):
    await pair_through_options(env)
    await env["page"].set_viewport_size({"width": 1366, "height": 768})
    return env


async def open_conversation(env, digits, lang="en"):
    env["site"].html = conversation_chat("Client " + digits[-4:], digits, lang)
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await expect(page.locator("sendocki-cart-button button")).to_be_visible()
    return page


async def test_an_address_selected_in_a_message_goes_into_the_docked_form(paired):
    page = await open_conversation(paired, "212677001501")
    await expect(page.locator("sendocki-take")).to_have_count(0)
    layout = "['#side', '#main', '#main header', '#main footer'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON())"
    before = await page.evaluate(layout)
    bubble = await page.evaluate(SELECT_IN_MESSAGE, ADDRESS)
    bar = page.locator("sendocki-take")
    await expect(bar.get_by_role("toolbar", name="Put in the order")).to_be_visible()
    # One click: the form opens docked at the right, the address in its field.
    await bar.get_by_role("button", name="Address").click()
    dialog = page.get_by_role("dialog", name="Create an order")
    await expect(dialog).to_be_visible()
    await expect(dialog.get_by_label("Delivery address")).to_have_value(ADDRESS)
    await expect(dialog.get_by_label("Delivery address")).to_be_focused()
    # The city named in the address, recognised by the helper's city table, fills City.
    await expect(dialog.get_by_label("City")).to_have_value("Casablanca")
    await expect(dialog.get_by_text("City recognised in the message: Casablanca")).to_be_visible()
    await expect(bar).to_have_count(0)
    box = await page.locator("sendocki-order-dialog").bounding_box()
    assert box["x"] + box["width"] == 1366 and box["height"] == 768
    assert await page.evaluate(layout) == before, "WhatsApp's own layout is untouched"
    assert box["x"] > bubble["right"], "the customer's message stays visible beside the form"
    # The conversation beside it is the page's own: a click there reaches WhatsApp, and text
    # can still be selected and taken while the form is open.
    hit = await page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#main') !== null",
        [bubble["left"] + 5, bubble["top"] + 5],
    )
    assert hit
    await page.evaluate(SELECT_IN_MESSAGE, "Appelez-moi avant de passer svp")
    await bar.get_by_role("button", name="Note").click()
    await expect(dialog.get_by_label("Internal note")).to_have_value(
        "Appelez-moi avant de passer svp"
    )
    await page.evaluate(SELECT_IN_MESSAGE, "sac cuir")
    await bar.get_by_role("button", name="Product").click()
    await expect(dialog.get_by_label("Search by name or reference")).to_have_value("sac cuir")
    await expect(dialog.get_by_role("option").first).to_contain_text("Sac cuir")
    assert await page.evaluate(HIDDEN_SHOWN) == []
    # Text outside the messages (the chat list) gets no bar.
    await page.evaluate(
        """() => { const r = document.createRange();
        r.selectNodeContents(document.querySelector('#side h1'));
        document.getSelection().removeAllRanges(); document.getSelection().addRange(r); }"""
    )
    await page.wait_for_timeout(100)
    await expect(bar).to_have_count(0)
    await page.keyboard.press("Escape")


@pytest.mark.parametrize(
    "lang,name_label,expected,button",
    [
        ("fr", "Nom", "Saisissez le nom de ce nouveau client.", "Créer la commande"),
        ("ar", "الاسم", "أدخل اسم هذا الزبون الجديد.", "إنشاء الطلب"),
    ],
)
async def test_field_errors_in_french_and_arabic_come_from_the_helpers_codes(
    paired, lang, name_label, expected, button
):
    # WhatsApp Web in French (or Arabic) while Chrome is in English: the form follows WhatsApp.
    page = await open_conversation(paired, "212677002" + ("601" if lang == "fr" else "602"), lang)
    await page.locator("sendocki-cart-button button").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog.get_by_role("button", name=button)).to_be_visible()
    await expect(dialog.locator(".badge")).to_be_visible()  # the new customer is known as new
    await dialog.get_by_label(name_label, exact=True).fill("")
    await dialog.locator(".link").click()
    free = dialog.locator(".line[data-kind=free] input")
    await free.first.fill("Cadeau")
    await free.nth(1).fill("10")
    await dialog.get_by_role("button", name=button).click()
    error = dialog.locator(".field-error")
    await expect(error).to_have_text(expected)
    RESULTS.mkdir(exist_ok=True)
    await page.screenshot(path=RESULTS / f"errors-{lang}.png")
    text = await dialog.locator("form").inner_text()
    assert "required" not in text and "is " not in text
    if lang == "ar":
        # The phone reads +212… left to right inside the right-to-left form.
        phone = dialog.locator("#sendocki-phone")
        await expect(phone).to_have_value("+212677002602")
        assert await phone.evaluate("(el) => getComputedStyle(el).direction") == "ltr"
        await expect(dialog).to_have_attribute("dir", "rtl")
        box = await page.locator("sendocki-order-dialog").bounding_box()
        assert box["x"] == 0, "docked on the left in Arabic"
    assert await page.evaluate(HIDDEN_SHOWN) == []
    await page.keyboard.press("Escape")
