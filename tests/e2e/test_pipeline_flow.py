"""After the order: Chromium with the extension, a real helper connected to the sandbox Sendocki.

An order created in the dialog is moved in Sendocki; after a pull the panel shows the new stage;
the agent moves it from the panel to a stage with a message: the text is in the message box and
was not sent, and Sendocki has the move exactly once, under a commit-then-drop fault. An order
created elsewhere shows in the panel, the pipeline view and the dialog (with its creator) after
a pull."""

import asyncio
import os
import re
import time

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.harness import PINNED_ID
from tests.sandbox.server import SandboxProcess
from tests.support import HelperProcess, free_port
from tests.sync.processes import FAST_SYNC_ENV, cli

from .flows import helper_get, helper_post, pair_through_options
from .site import phone_chat

pytestmark = pytest.mark.asyncio(loop_scope="module")

DIGITS = "212677001122"
CONFIRMED_MESSAGE = "Bonjour {{first_name}}, votre commande {{order_number}} est confirmée."


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def sandbox(tmp_path_factory):
    process = SandboxProcess(tmp_path_factory.mktemp("sandbox") / "data")
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def helper(tmp_path_factory, sandbox):
    """A demo helper connected to the sandbox, pulling only when asked (the test asks)."""
    saved = {name: os.environ.get(name) for name in FAST_SYNC_ENV}
    os.environ.update(FAST_SYNC_ENV)
    proc = HelperProcess(tmp_path_factory.mktemp("helper") / "data", free_port(), demo=True)
    try:
        proc.start()
        done = cli(
            "connect", "--data-dir", str(proc.data_dir), "--api-url", sandbox.url,
            "--api-key", "sk_sandbox_test",
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        yield proc
    finally:
        proc.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def paired(env):
    await pair_through_options(env)
    return env


def sandbox_stage(sandbox, name: str) -> str:
    return next(
        s["id"] for s in sandbox.admin("GET", "/_sandbox/stages")["stages"] if s["name"] == name
    )


def sandbox_order(sandbox, client_reference: str) -> dict:
    return next(o for o in sandbox.orders() if o["client_reference"] == client_reference)


async def wait_for(predicate, what: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


async def open_chat(env):
    env["site"].html = phone_chat("Hind Tazi", DIGITS)
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await expect(page.get_by_role("button", name="Create an order")).to_be_visible()
    return page


def panel(page):
    return page.locator("sendocki-customer-panel")


async def test_an_order_follows_its_stage_and_moves_from_the_panel(paired, sandbox):
    await helper_post(paired, "/v1/sync/pull", {})
    page = await open_chat(paired)
    await page.get_by_role("button", name="Create an order").click()
    dialog = page.get_by_role("dialog", name="Create an order")
    await dialog.get_by_label("Name", exact=True).fill("Hind Tazi")
    await dialog.get_by_label("Delivery address").fill("3 Rue Fès")
    await dialog.get_by_label("City").fill("Rabat")
    await dialog.get_by_label("Search by name or reference").fill("sac cuir")
    await dialog.get_by_role("option", name=re.compile(r"^Sac cuir SAC-CUIR ")).click()
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(page.get_by_role("status").filter(has_text="created")).to_be_visible()
    [order] = (await helper_get(paired, "/v1/orders", conversation=f"{DIGITS}@c.us"))["orders"]

    async def synced():
        return (await helper_get(paired, f"/v1/orders/{order['id']}"))["sync_state"] == "synced"

    await wait_for(synced, "the order reaches Sendocki")

    # Sendocki's side: someone marks it unreachable; the Confirmed stage gets a message.
    remote = sandbox_order(sandbox, order["id"])
    sandbox.admin(
        "POST",
        f"/_sandbox/orders/{remote['id']}/stage",
        {"stage_id": sandbox_stage(sandbox, "Unreachable")},
    )
    sandbox.admin(
        "PATCH",
        f"/_sandbox/stages/{sandbox_stage(sandbox, 'Confirmed')}",
        {"message_template": CONFIRMED_MESSAGE},
    )
    await helper_post(paired, "/v1/sync/pull", {})
    page = await open_chat(paired)  # a chat switch reloads the panel
    await panel(page).get_by_role("button", name=re.compile("Hind Tazi")).click()
    row = panel(page).locator(f'li[data-order="{order["id"]}"]')
    badge = row.locator("button.stage")
    await expect(badge).to_have_text("Unreachable")

    # The agent moves it to Confirmed from the panel; Sendocki's answer is lost once.
    sandbox.set_faults(match="POST /v1/orders/", commit_then_drop_next=1)
    await page.locator("#main footer [contenteditable='true']").fill("")
    await badge.click()
    await row.get_by_role("menuitemradio", name="Confirmed").click()
    box = page.locator("#main footer [contenteditable='true']")
    await expect(box).to_contain_text(
        f"Bonjour Hind, votre commande {order['number']} est confirmée."
    )
    await expect(panel(page).locator(f'li[data-order="{order["id"]}"] .stage')).to_have_text(
        "Confirmed"
    )

    async def move_arrived():
        changes = sandbox_order(sandbox, order["id"])["stage_changes"]
        mine = [c for c in changes if c["source"] == "api" and c["from_stage_id"]]
        return mine if mine else None

    moves = await wait_for(move_arrived, "the move reaches Sendocki")

    async def settled():
        status = await helper_get(paired, "/v1/status")
        return status["outbox_depth"] == 0

    await wait_for(settled, "the outbox settles")
    moves = await move_arrived()
    assert len(moves) == 1 and moves[0]["to_stage_id"] == sandbox_stage(sandbox, "Confirmed")
    # Never sent: the text is still in the box for the agent to read.
    await expect(box).to_contain_text("est confirmée")
    sandbox.set_faults(reset=True)


async def test_an_order_made_elsewhere_shows_in_the_panel_the_pipeline_and_the_dialog(
    paired, sandbox
):
    [mine] = (await helper_get(paired, "/v1/orders", conversation=f"{DIGITS}@c.us"))["orders"]
    remote_customer = sandbox_order(sandbox, mine["id"])["customer_id"]
    salma = next(
        a for a in sandbox.admin("GET", "/_sandbox/agents")["agents"] if a["name"] == "Salma"
    )
    made = sandbox.admin(
        "POST",
        "/_sandbox/orders",
        {
            "customer_id": remote_customer,
            "lines": [{"sku": "THE-VERT", "quantity": 3}],
            "created_by": salma["id"],
        },
    )
    await helper_post(paired, "/v1/sync/pull", {})

    page = await open_chat(paired)
    await panel(page).get_by_role("button", name=re.compile("Hind Tazi")).click()
    await expect(panel(page).locator(".num").filter(has_text=made["number"])).to_be_visible()

    await page.get_by_role("button", name="Create an order").click()
    dialog = page.get_by_role("dialog", name="Create an order")
    await expect(dialog.locator(".open-orders")).to_contain_text(f"Open order {made['number']}")
    await expect(dialog.locator(".open-orders")).to_contain_text("by Salma — New")
    await dialog.get_by_role("button", name="Close").first.click()

    view = await paired["ctx"].new_page()
    try:
        await view.goto(f"chrome-extension://{PINNED_ID}/pipeline.html")
        await view.get_by_role("searchbox").fill("Hind")
        rows = view.locator("tbody tr")
        await expect(rows.locator(".num").filter(has_text=made["number"])).to_be_visible()
        await expect(rows.filter(has_text=made["number"]).locator(".created")).to_contain_text(
            "by Salma"
        )
        await expect(view.locator(".tab").filter(has_text="New")).to_be_visible()
    finally:
        await view.close()
