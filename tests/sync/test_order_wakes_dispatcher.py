"""A new order through the helper's API: "pending" from creation when connected, sent at once."""

import asyncio

import aiohttp

from sendocki_helper.api.app import create_app
from sendocki_helper.api.keys import SYNC
from sendocki_helper.config import HelperConfig
from sendocki_helper.services import demo
from sendocki_helper.store.db import Store
from tests.orders.support import get_json, order_body, post_order
from tests.support import HelperUnderTest
from tests.sync.support import connect

NEVER = 3600.0  # seconds: no poll or periodic pull happens during the test


async def start_quiet_helper(aiohttp_server, data_dir) -> HelperUnderTest:
    """The in-process helper, with its dispatcher polling and pulling too rarely to matter."""
    config = HelperConfig(data_dir=data_dir, port=0, demo=True)
    store = Store(config.database_path)
    await store.run(demo.seed_demo)
    app = create_app(config, store)
    app[SYNC].dispatcher.idle_poll = NEVER
    app[SYNC].pull_interval = NEVER
    server = await aiohttp_server(app, host="127.0.0.1")
    helper = HelperUnderTest(
        f"http://127.0.0.1:{server.port}", server.port, "", store, aiohttp.ClientSession(), data_dir
    )
    helper.token = await helper.pair()  # by now the dispatcher has looked once and is asleep
    return helper


async def test_a_new_order_is_pending_at_once_and_sent_without_waiting_for_a_poll(
    aiohttp_server, sandbox, tmp_path
):
    helper = await start_quiet_helper(aiohttp_server, tmp_path / "data")
    try:
        await connect(helper.store, helper.data_dir, sandbox.url)
        status, order = await post_order(helper, order_body())
        assert status == 201 and order["sync_state"] == "pending"

        for _ in range(200):
            _, current = await get_json(helper, f"/v1/orders/{order['id']}")
            if current["sync_state"] != "pending":
                break
            await asyncio.sleep(0.05)
        assert current["sync_state"] == "synced", "sent on creation, not at a poll an hour away"
        assert sandbox.client_references().count(order["id"]) == 1
    finally:
        await helper.session.close()


async def test_without_an_account_a_new_order_stays_local(helper):
    status, order = await post_order(helper, order_body())
    assert status == 201 and order["sync_state"] == "local"
