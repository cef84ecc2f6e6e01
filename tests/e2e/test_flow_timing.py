"""Measured in the content script's own clock (performance.now): click on "Create the order" to
the "Order … created" notice painted, over 30 orders; last keystroke to search results painted.
Printed in the terminal summary ("order flow measurements") and bench-results/extension-flow.json."""

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.harness import isolated_eval

from .flows import orders_of, pair_through_options
from .measure import report
from .site import phone_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

ORDERS = 30
QUERIES = [
    "sac",
    "ceinture",
    "tshirt blanc",
    "jean slim",
    "babouche",
    "djellaba",
    "caftan",
    "pochette",
    "baskets",
    "chemise lin",
    "SAC-DOS",
    "sandales",
    "tshirt noir",
    "ceintre",
    "sac bandouliere",
] * 2


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def chat(env):
    await pair_through_options(env)
    env["site"].html = phone_chat("Bench Client", "212611000099")
    await env["page"].goto("https://web.whatsapp.com/")
    await expect(env["page"].get_by_role("button", name="Create an order")).to_be_visible()
    return env


async def test_click_to_order_created_over_30_orders(chat):
    page = chat["page"]
    for i in range(ORDERS):
        await page.get_by_role("button", name="Create an order").click()
        dialog = page.get_by_role("dialog", name="Create an order")
        await dialog.get_by_label("City").fill("Casablanca")
        await dialog.get_by_label("Delivery address").fill("1 Rue Test")
        await dialog.get_by_role("button", name="+ Add a free product").click()
        await dialog.get_by_label("Product name").fill(f"Article {i}")
        await dialog.get_by_label("Price").fill("10")
        await dialog.get_by_role("button", name="Create the order").click()
        if i:  # the customer's earlier orders are open: one explicit confirmation creates another
            await dialog.get_by_role("button", name="Create another order anyway").click()
        await expect(dialog).to_have_count(0)
    samples = []
    for _ in range(50):
        samples = await isolated_eval(page, "Sendocki.active.stats.createToShown")
        if len(samples) >= ORDERS:
            break
        await page.wait_for_timeout(50)
    assert len(samples) == ORDERS
    assert len(await orders_of(chat, "212611000099@c.us")) == ORDERS
    report("click on Create the order -> success shown", samples)


async def last_search_timing(page, query: str, attempts: int = 250) -> dict:
    """The timing of the search for `query`, once its answer is shown (polled, 20 ms apart)."""
    last: dict = {}
    for _ in range(attempts):
        last = await isolated_eval(page, "Sendocki.active.form.products.timings.at(-1)") or {}
        if last.get("q") == query:
            break
        await page.wait_for_timeout(20)
    return last


async def test_last_keystroke_to_search_results(chat):
    page = chat["page"]
    await page.get_by_role("button", name="Create an order").click()
    dialog = page.get_by_role("dialog", name="Create an order")
    search = dialog.get_by_label("Search by name or reference")
    results = dialog.get_by_role("listbox")
    samples = []
    for query in QUERIES:
        await search.fill("")
        await search.press_sequentially(query, delay=25)
        await expect(results.locator("li").first).to_be_visible()
        # Only the answer to the whole query counts: intermediate prefixes may have been searched
        # and shown first, so wait for the whole query's answer (a loaded machine is slow).
        last = await last_search_timing(page, query)
        assert last["q"] == query
        samples.append(last["ms"])
    report("last keystroke -> search results shown", samples)
    await page.keyboard.press("Escape")
