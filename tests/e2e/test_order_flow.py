"""The seller's whole flow in real Chromium with the unpacked extension and a real helper on the
demo workspace: what the screen shows, and what the helper stored (read back through its API)."""

import re
import uuid

import pytest
import pytest_asyncio
from playwright.async_api import expect

from .flows import helper_get, helper_post, orders_of, pair_through_options
from .site import lid_chat, lid_chat_titled, phone_chat, title_only_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

FATIMA_KEY = "212661234567@c.us"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def paired(env):
    await pair_through_options(env)
    return env


async def open_chat(env, html):
    env["site"].html = html
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await expect(page.get_by_role("button", name="Create an order")).to_be_visible()
    return page


async def open_dialog(page):
    await page.get_by_role("button", name="Create an order").click()
    dialog = page.get_by_role("dialog", name="Create an order")
    await expect(dialog).to_be_visible()
    return dialog


async def add_product(dialog, query, result):
    await dialog.get_by_label("Search by name or reference").fill(query)
    await dialog.get_by_role("option", name=re.compile(result)).click()


async def add_free(dialog, name, price):
    await dialog.get_by_role("button", name="+ Add a free product").click()
    await dialog.get_by_label("Product name").last.fill(name)
    await dialog.get_by_label("Price").last.fill(price)


def compose_box(page):
    return page.locator("#main footer [contenteditable='true']")


async def test_existing_customer_variant_free_line_and_discount(paired):
    page = await open_chat(paired, phone_chat("Fatima Zahra", "212661234567"))
    dialog = await open_dialog(page)
    await expect(dialog.get_by_text("Existing customer")).to_be_visible()
    await expect(dialog.get_by_label("Name", exact=True)).to_have_value("Fatima Zahra Benali")
    await expect(dialog.get_by_label("Phone")).to_have_value("+212661234567")
    await expect(dialog.get_by_text("Number read from WhatsApp")).to_be_visible()
    await expect(dialog.get_by_label("Email")).to_have_value("fatima.benali@example.ma")
    chooser = dialog.get_by_label("Saved addresses")
    await expect(chooser.locator("option")).to_have_count(3)  # two saved + "New address"
    await expect(dialog.get_by_label("City")).to_have_value("Casablanca")
    await expect(chooser.locator("option").nth(1)).to_contain_text(
        "45 Avenue Mohammed V, Guéliz — Marrakech"
    )
    await chooser.select_option(index=1)
    await expect(dialog.get_by_label("City")).to_have_value("Marrakech")

    await add_product(dialog, "sac cuir", r"^Sac cuir SAC-CUIR ")
    await dialog.get_by_label("Couleur").select_option("Marron")
    await expect(dialog.get_by_text("7 in stock")).to_be_visible()
    await dialog.get_by_role("button", name="More").click()
    await add_free(dialog, "Emballage cadeau", "15")
    await expect(dialog.locator(".catalog-total")).to_have_text("393.00\u00a0DH")
    await dialog.get_by_label("Total", exact=True).fill("370")
    await expect(dialog.locator(".diff")).to_have_text("−23.00\u00a0DH")
    await dialog.get_by_label("Internal note").fill("Livrer après 18h")

    await dialog.get_by_role("button", name="Create the order").click()
    notice = page.get_by_role("status").filter(has_text="created")
    # Then what is left to do: the seller checks the message and presses Send.
    await expect(notice).to_have_text(
        re.compile(r"^Order WA-\d+ created\nThe message is in the chat: check it and press Send$")
    )
    await expect(dialog).to_have_count(0)
    # The automation of the "New" stage is in the message box, not sent; the focus is there.
    await expect(compose_box(page)).to_contain_text("Bonjour Fatima Zahra Benali")
    await expect(compose_box(page)).to_be_focused()

    [order] = await orders_of(paired, FATIMA_KEY)
    # Its line breaks kept in WhatsApp's (Lexical) box, one paragraph per line; nothing sent.
    lines = order["automation_message"].split("\n")
    assert len(lines) == 3
    assert await compose_box(page).locator("p").all_text_contents() == lines
    assert await page.evaluate("window.__fakeWhatsApp.counters.sent") == 0
    assert notice_number(await notice.text_content()) == order["number"]
    assert order["customer"]["created"] is False
    catalog, free = order["lines"]
    assert (catalog["sku"], catalog["quantity"], catalog["unit_price"]) == (
        "SAC-CUIR-MARRON",
        2,
        "189.00",
    )
    assert (free["kind"], free["name"], free["unit_price"], free["quantity"]) == (
        "free",
        "Emballage cadeau",
        "15.00",
        1,
    )
    assert (order["catalog_total"], order["total"], order["adjustment"]) == (
        "393.00",
        "370.00",
        "-23.00",
    )
    assert order["stage"]["name"] == "New"
    full = await helper_get(paired, f"/v1/orders/{order['id']}")
    assert full["note"] == "Livrer après 18h"  # stored exactly as typed


def notice_number(text):
    return re.search(r"WA-\d+", text).group(0)


async def test_second_order_in_the_same_conversation_and_the_panel_shows_both(paired):
    page = await open_chat(paired, phone_chat("Fatima Zahra", "212661234567"))
    panel = page.locator("sendocki-customer-panel")
    await expect(
        panel.get_by_role("button", name=re.compile("Fatima Zahra Benali"))
    ).to_be_visible()
    dialog = await open_dialog(page)
    await expect(dialog.get_by_label("Search by name or reference")).to_have_value(
        ""
    )  # a new draft
    await add_product(dialog, "ceinture tressee", r"^Ceinture tressée ")
    await dialog.get_by_label("Starting stage").select_option(label="Confirmed")
    await dialog.get_by_label("Payment status").select_option(label="Paid")
    await dialog.get_by_label("Agent or team").select_option(label="Confirmation Casablanca")
    # The first order is still open: the dialog says so, and one explicit confirmation creates.
    await expect(dialog.locator(".open-orders")).to_contain_text("Open order WA-")
    await dialog.get_by_role("button", name="Create the order").click()
    assert await orders_of(paired, FATIMA_KEY) and len(await orders_of(paired, FATIMA_KEY)) == 1
    await dialog.get_by_role("button", name="Create another order anyway").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()

    orders = await orders_of(paired, FATIMA_KEY)
    assert len(orders) == 2
    assert orders[0]["stage"]["name"] == "Confirmed" and orders[0]["payment_status"] == "paid"
    await panel.get_by_role("button", name=re.compile("Fatima Zahra Benali")).click()
    rows = panel.locator("li")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(0)).to_contain_text(orders[0]["number"])
    await expect(rows.nth(0).locator(".stage")).to_have_text("Confirmed")
    await expect(rows.nth(1)).to_contain_text(orders[1]["number"])
    await expect(panel.locator(".orders-count")).to_have_text("Orders: 2")
    await expect(panel.locator(".total-spent")).to_have_text("439.00\u00a0DH")  # 370.00 + 69.00


async def test_new_customer_from_an_unsaved_number(paired):
    page = await open_chat(paired, phone_chat("+212 677-000111", "212677000111"))
    dialog = await open_dialog(page)
    await expect(dialog.get_by_text("New customer")).to_be_visible()
    await dialog.get_by_label("Name", exact=True).fill("Karim Alaoui")
    await dialog.get_by_label("Delivery address").fill("8 Rue de Fès, Agdal")
    await dialog.get_by_label("City").fill("Rabat")
    await add_product(dialog, "SAC-DOS", r"^Sac à dos en toile ")
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    [order] = await orders_of(paired, "212677000111@c.us")
    assert order["customer"]["created"] is True
    found = await helper_get(paired, "/v1/customers/resolve", phone="0677000111")
    assert found["status"] == "existing"
    card = found["customers"][0]
    assert (card["name"], card["addresses"][0]["city"]) == ("Karim Alaoui", "Rabat")


async def test_lid_chat_the_seller_types_the_number_and_the_chat_resolves_next_time(paired):
    key = "555444333222111@lid"
    page = await open_chat(paired, lid_chat("Yasmine", "555444333222111"))
    dialog = await open_dialog(page)
    phone = dialog.get_by_label("Phone")
    await expect(phone).to_have_value("")
    await expect(phone).to_be_focused()
    await add_product(dialog, "pochette", r"^Pochette de soirée ")
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(dialog.get_by_text("Enter the customer's phone number.")).to_be_visible()
    assert await orders_of(paired, key) == []
    await phone.fill("06 55 44 33 22")
    await expect(dialog.get_by_text("Number typed")).to_be_visible()
    await dialog.get_by_label("Delivery address").fill("20 Bd Zerktouni")
    await dialog.get_by_label("City").fill("Casablanca")
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    [order] = await orders_of(paired, key)
    assert order["customer"]["created"] is True

    # The helper links the conversation to the card: without the browser's own memory of the
    # number, reopening the chat still finds the customer.
    by_chat = await helper_get(paired, "/v1/customers/resolve", conversation=key)
    assert by_chat["customers"][0]["phone"] == "+212655443322"
    await paired["worker"].evaluate(f"chrome.storage.local.remove('phone:{key}')")
    page = await open_chat(paired, lid_chat("Yasmine", "555444333222111"))
    dialog = await open_dialog(page)
    await expect(dialog.get_by_text("Existing customer")).to_be_visible()
    await expect(dialog.get_by_label("Phone")).to_have_value("+212655443322")
    await expect(dialog.get_by_text("Number remembered for this chat")).to_be_visible()


async def test_a_chat_known_only_by_its_title_still_gets_its_order_then_moves_to_its_chat_id(
    paired,
):
    """2026: rows carry no chat id; when WhatsApp's state cannot be read either, the chat is known
    by its title key. The order is created and linked; once the chat id is readable, the next
    order moves the first one to it."""
    page = await open_chat(paired, title_only_chat("Nour Client"))
    dialog = await open_dialog(page)
    await expect(dialog.get_by_label("Name", exact=True)).to_have_value("Nour Client")
    await dialog.get_by_label("Phone").fill("06 12 70 70 70")
    await dialog.get_by_label("Delivery address").fill("3 Rue Ibn Batouta")
    await dialog.get_by_label("City").fill("Tanger")
    await add_product(dialog, "pochette", r"^Pochette de soirée ")
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    await expect(page.get_by_text("conversation.chat_key")).to_have_count(0)
    title_key = await page_chat_key(page)
    assert re.fullmatch(r"title:[0-9a-f]{16}", title_key)
    [first] = await orders_of(paired, title_key)
    assert first["conversation"] == {"chat_key": title_key, "display_name": "Nour Client"}

    # WhatsApp's state is readable now: the same chat, keyed by its LID.
    lid = "321321321321321@lid"
    page = await open_chat(paired, lid_chat_titled("Nour Client", "321321321321321"))
    for _ in range(50):
        if await page_chat_key(page) == lid:
            break
        await page.wait_for_timeout(100)
    dialog = await open_dialog(page)
    await expect(dialog.get_by_text("Existing customer")).to_be_visible()
    # The number typed for the title key is remembered for the chat under its new key too.
    await expect(dialog.get_by_label("Phone")).to_have_value("0612707070")
    await expect(dialog.get_by_text("Number remembered for this chat")).to_be_visible()
    await add_product(dialog, "pochette", r"^Pochette de soirée ")
    await dialog.get_by_role("button", name="Create the order").click()
    # The first order is still open: one explicit confirmation creates the second.
    await dialog.get_by_role("button", name="Create another order anyway").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    moved = await orders_of(paired, lid)
    assert [o["id"] for o in moved][1:] == [first["id"]]
    assert await orders_of(paired, title_key) == []


async def page_chat_key(page):
    from tests.browser.harness import isolated_eval

    return await isolated_eval(page, "Sendocki.active.chat && Sendocki.active.chat.chatKey")


async def test_helper_stopped_keeps_the_draft_and_the_retry_creates_one_order(paired):
    key = "212688123456@c.us"
    page = await open_chat(paired, phone_chat("Omar Test", "212688123456"))
    dialog = await open_dialog(page)
    await dialog.get_by_label("Delivery address").fill("3 Rue Ibn Batouta")
    await dialog.get_by_label("City").fill("Tanger")
    await add_product(dialog, "babouche", r"^Babouches en cuir ")
    await add_free(dialog, "Livraison express", "30")
    paired["helper"].stop()
    try:
        await dialog.get_by_role("button", name="Create the order").click()
        await expect(dialog.get_by_role("alert")).to_have_text(
            re.compile("The Sendocki app is not running")
        )
        # ... and exactly how to start it on this computer.
        await expect(dialog.get_by_role("alert")).to_contain_text(
            "systemctl --user start sendocki-helper"
        )
        await expect(dialog.get_by_role("button", name="Create the order")).to_be_enabled()
        # Esc, then the cart again: everything typed is still there.
        await dialog.get_by_label("City").press("Escape")
        await expect(dialog).to_have_count(0)
        dialog = await open_dialog(page)
        await expect(dialog.get_by_label("City")).to_have_value("Tanger")
        await expect(dialog.get_by_label("Product name")).to_have_value("Livraison express")
        await expect(dialog.locator(".line")).to_have_count(2)
    finally:
        paired["helper"].start()
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    assert len(await orders_of(paired, key)) == 1


async def test_double_click_on_create_makes_one_order(paired):
    key = "212699887766@c.us"
    page = await open_chat(paired, phone_chat("Salma Double", "212699887766"))
    dialog = await open_dialog(page)
    await dialog.get_by_label("City").fill("Agadir")
    await dialog.get_by_label("Delivery address").fill("1 Av Hassan II")
    await add_product(dialog, "caftan", r"^Caftan en soie ")
    await dialog.get_by_role("button", name="Create the order").dblclick()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    assert len(await orders_of(paired, key)) == 1


async def test_shortcut_opens_the_dialog_and_escape_keeps_the_draft(paired):
    page = await open_chat(paired, phone_chat("Hind Raccourci", "212644556677"))
    await page.locator("#main header").click()
    await page.keyboard.press("Alt+Shift+O")
    dialog = page.get_by_role("dialog", name="Create an order")
    await expect(dialog).to_be_visible()
    await expect(dialog.get_by_label("Name", exact=True)).to_be_focused()
    await dialog.get_by_label("City").fill("Fès")
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await page.keyboard.press("Alt+Shift+O")
    await expect(dialog.get_by_label("City")).to_have_value("Fès")
    await page.keyboard.press("Escape")
    assert await orders_of(paired, "212644556677@c.us") == []


async def test_the_panel_shows_more_than_the_first_page_of_orders(paired):
    key = "212600252525@c.us"
    numbers = []
    for i in range(25):
        body = {
            "customer": {
                "name": "Nadia Pages",
                "phone": "+212600252525",
                "address": {"line": "5 Rue Tarik", "city": "Kénitra"},
            },
            "lines": [
                {"kind": "free", "name": f"Article {i + 1}", "unit_price": "10.00", "quantity": 1}
            ],
            "conversation": {"chat_key": key, "display_name": "Nadia Pages"},
        }
        order = await helper_post(
            paired, "/v1/orders", body, {"Idempotency-Key": str(uuid.uuid4())}
        )
        numbers.append(order["number"])
    page = await open_chat(paired, phone_chat("Nadia Pages", "212600252525"))
    panel = page.locator("sendocki-customer-panel")
    await panel.get_by_role("button", name=re.compile("Nadia Pages")).click()
    await expect(panel.locator(".orders-count")).to_have_text("Orders: 25")
    rows = panel.locator("li .num")
    await expect(rows).to_have_count(20)  # the helper's first page
    await panel.get_by_role("button", name="Show more").click()
    await expect(rows).to_have_text(list(reversed(numbers)))  # all 25, newest first, none twice
    await expect(panel.get_by_role("button", name="Show more")).to_have_count(0)
