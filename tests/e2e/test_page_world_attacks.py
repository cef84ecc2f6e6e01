"""A script in the WhatsApp page (an XSS, another extension's main-world script) against our UI, in
real Chromium with the real extension as sellers run it (closed shadow roots: the developer flag is
off) and a real helper: it cannot open the dialog, read the customer's details, add a line or
create an order; the seller's own clicks and keys still do (docs/security.md, "Page scripts")."""

import json

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.harness import RESULTS, isolated_eval, open_shadow_roots

from .flows import helper_get, orders_of, pair_through_options
from .site import phone_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

FATIMA_KEY = "212661234567@c.us"
# What only the helper knows of this customer (the page shows "Fatima Zahra" and the number itself).
SECRETS = [
    "Benali",
    "fatima.benali@example.ma",
    "12 Rue Atlas",
    "Maarif",
    "Mohammed V",
    "Marrakech",
    "Casablanca",
]

# Installed in the page's own world before its scripts: every window message the page can see.
RECORD_MESSAGES = """
window.__posted = [];
window.addEventListener("message", (event) => {
  let text;
  try { text = JSON.stringify(event.data); } catch (_) { text = String(event.data); }
  window.__posted.push(text);
}, true);
"""

# Phase 1, the page alone: every way a script has to press the cart or the shortcut.
PRESS_THE_CART = """
() => {
  const opened = () => !!document.querySelector("sendocki-order-dialog");
  const cart = document.querySelector("sendocki-cart-button");
  const report = { cartRoot: cart.shadowRoot !== null };
  const inner = cart.shadowRoot && cart.shadowRoot.querySelector("button");
  if (inner) inner.click();
  report.innerClick = opened();
  cart.click();
  report.hostClick = opened();
  const box = cart.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
    const Kind = type.startsWith("pointer") ? PointerEvent : MouseEvent;
    cart.dispatchEvent(new Kind(type, { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y }));
  }
  report.dispatchedClick = opened();
  const atPoint = document.elementFromPoint(x, y);
  report.atPointIsHost = atPoint === cart;
  atPoint.click();
  report.pointClick = opened();
  cart.focus();
  cart.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, composed: true }));
  report.enterOnCart = opened();
  for (const target of [document.body, document, window]) {
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "O", code: "KeyO", altKey: true, shiftKey: true,
      bubbles: true, composed: true, cancelable: true }));
  }
  report.shortcut = opened();
  return report;
}
"""

# Phase 2, the dialog open (the seller clicked): everything a page can read.
READ_THE_DIALOG = """
(secrets) => {
  // Every element of ours, today's four hosts and any later one: their tags start "sendocki-".
  const ours = [...document.querySelectorAll("*")].filter((el) => el.localName.startsWith("sendocki-"));
  const dialog = document.querySelector("sendocki-order-dialog");
  const texts = [document.documentElement.outerHTML, document.body.innerText, document.body.textContent,
    document.title, document.body.getHTML({ serializableShadowRoots: true })];
  for (const host of ours) {
    for (const attribute of host.attributes) texts.push(attribute.name + "=" + attribute.value);
  }
  const roots = ours.filter((host) => host.shadowRoot);
  for (const root of roots.map((host) => host.shadowRoot)) {
    texts.push(root.textContent);
    for (const field of root.querySelectorAll("input, textarea, select")) {
      texts.push(field.value, ...[...(field.options || [])].map((option) => option.text));
    }
  }
  return { dialogRoot: dialog.shadowRoot !== null, openRoots: roots.map((host) => host.localName),
    read: secrets.filter((secret) => texts.some((text) => text && text.includes(secret))),
    ourHosts: ours.map((host) => host.localName).sort() };
}
"""

# Phase 3: rewrite the focused field, add a free line and create the order the way that worked with
# open roots, then what is left to a page without a root.
DRIVE_THE_DIALOG = """
() => {
  const dialog = document.querySelector("sendocki-order-dialog");
  const report = { focusInDialog: document.activeElement === dialog };
  // The editing commands act on the focused field, even inside a closed root.
  document.execCommand("selectAll");
  report.inserted = document.execCommand("insertText", false, "Attacker");
  const root = dialog.shadowRoot;
  if (root) {
    root.querySelector("button.link").click();
    const [name, price] = root.querySelectorAll(".free-fields input");
    for (const [field, value] of [[name, "Free gift"], [price, "1"]]) {
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    root.querySelector("form").requestSubmit();
  }
  dialog.dispatchEvent(new Event("submit", { bubbles: true, composed: true, cancelable: true }));
  for (const target of [document.activeElement, dialog, document.body, document]) {
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 13,
      bubbles: true, composed: true, cancelable: true }));
  }
  return report;
}
"""


async def isolated_until(page, condition: str, timeout_ms: int = 15000) -> bool:
    """Polls `condition` in the content script's world until it holds (or gives up)."""
    return await isolated_eval(
        page,
        "new Promise((resolve) => { const start = performance.now(); (function check() {"
        f" let ok = false; try {{ ok = !!({condition}); }} catch (_) {{}}"
        f" if (ok || performance.now() - start > {timeout_ms}) return resolve(ok);"
        " setTimeout(check, 20); })(); })",
    )


async def click_inside(page, selector: str):
    """The seller's own click (real input) on an element inside our closed root, found by our
    content script's world (a page has no way to this element)."""
    box = await isolated_eval(
        page,
        "(() => { const r = Sendocki.active.form.dialog.shadow.querySelector("
        + json.dumps(selector)
        + ").getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()",
    )
    await page.mouse.click(box["x"], box["y"])


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def sellers_browser(env):
    await open_shadow_roots(env["worker"], on=False)  # as sellers run it: closed roots
    await pair_through_options(env)
    await env["page"].add_init_script(RECORD_MESSAGES)
    return env


async def fatima_orders(env):
    card = (await helper_get(env, "/v1/customers/resolve", phone="0661234567"))["customers"][0]
    by_customer = (await helper_get(env, "/v1/orders", customer=card["id"], limit=100))["orders"]
    return await orders_of(env, FATIMA_KEY), by_customer


async def test_a_page_script_cannot_open_read_or_drive_the_order_dialog(sellers_browser):
    env = sellers_browser
    page = env["page"]
    console = []
    page.on("console", lambda message: console.append(message.text))
    before = await fatima_orders(env)
    assert before[0] == []
    env["site"].html = phone_chat("Fatima Zahra", "212661234567")
    await page.goto("https://web.whatsapp.com/")
    cart = page.locator("sendocki-cart-button")
    await expect(cart).to_be_visible()
    # The customer is known: the panel (folded, with the full name) is there too.
    await expect(page.locator("sendocki-customer-panel")).to_be_attached()
    assert await isolated_until(page, "Sendocki.active.panel.data")
    title = await page.title()

    pressed = await page.evaluate(PRESS_THE_CART)
    assert pressed["atPointIsHost"], pressed  # the script did aim at the cart
    assert not pressed["cartRoot"], pressed
    assert not any(
        pressed[k] for k in ("innerClick", "hostClick", "dispatchedClick", "pointClick")
    ), pressed
    assert not pressed["enterOnCart"] and not pressed["shortcut"], pressed
    assert await isolated_eval(page, "Sendocki.active.form") is None, "no dialog was opened"

    # Control: the seller's real click (trusted input) opens it, filled from the helper.
    await cart.click()
    await expect(page.locator("sendocki-order-dialog")).to_be_visible()
    assert await isolated_until(
        page, "Sendocki.active.form.dialog.fields.email.value === 'fatima.benali@example.ma'"
    )
    assert await isolated_eval(page, "Sendocki.active.form.dialog.fields.city.value") in SECRETS
    RESULTS.mkdir(exist_ok=True)
    await page.screenshot(path=RESULTS / "dialog-closed-roots-en-light.png")  # looks as before

    read = await page.evaluate(READ_THE_DIALOG, SECRETS)
    # The cart, the panel and the dialog were all there to be read.
    assert read["ourHosts"] == [
        "sendocki-cart-button",
        "sendocki-customer-panel",
        "sendocki-order-dialog",
    ], read
    assert not read["dialogRoot"] and read["openRoots"] == [], read
    assert read["read"] == [], "customer data readable by the page: " + repr(read["read"])
    assert await page.title() == title

    driven = await page.evaluate(DRIVE_THE_DIALOG)
    assert driven == {"focusInDialog": True, "inserted": True}, driven  # it did reach the field
    # Whatever the script started has finished: the form is idle.
    assert await isolated_until(page, "!Sendocki.active.form.sending")
    state = await isolated_eval(
        page,
        "({ lines: Sendocki.active.form.products.lines.length, name: Sendocki.active.form.dialog"
        ".fields.name.value, created: !!Sendocki.active.form.created, open: !!Sendocki.active.dialog })",
    )
    assert state == {
        "lines": 0,
        "name": "Fatima Zahra Benali",
        "created": False,
        "open": True,
    }, state
    assert await fatima_orders(env) == before, "the page created an order"

    # Nothing the helper knows left through window messages or the console.
    posted = await page.evaluate("window.__posted")
    assert any("sendocki-probe" in text for text in posted), "the recorder saw our bridge"
    leaked = [s for s in SECRETS if any(s in text for text in posted + console)]
    assert leaked == [], leaked

    # Control: the seller's own input creates: a real click adds a line, real typing fills it,
    # a real Enter in the price creates (the submission the guard accepts).
    await click_inside(page, "button.link")
    await page.keyboard.type("Emballage cadeau")
    await page.keyboard.press("Tab")
    await page.keyboard.type("15")
    await page.keyboard.press("Enter")
    assert await isolated_until(page, "!Sendocki.active.form || Sendocki.active.form.created")
    [order] = (await fatima_orders(env))[0]
    assert [(line["name"], line["unit_price"]) for line in order["lines"]] == [
        ("Emballage cadeau", "15.00")
    ]
