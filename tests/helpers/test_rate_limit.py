"""A token bucket per paired browser: a flood from one token gets 429, others are untouched."""

import asyncio

import aiohttp

from sendocki_helper.api.app import create_app
from sendocki_helper.config import HelperConfig
from sendocki_helper.services import demo
from sendocki_helper.store.db import Store
from tests.support import HelperUnderTest


async def limited_helper(aiohttp_server, tmp_path, rate: float, burst: float) -> HelperUnderTest:
    config = HelperConfig(
        data_dir=tmp_path / "data", port=0, rate_per_second=rate, rate_burst=burst
    )
    store = Store(config.database_path)
    await store.run(demo.seed_demo)
    server = await aiohttp_server(create_app(config, store), host="127.0.0.1")
    helper = HelperUnderTest(
        f"http://127.0.0.1:{server.port}",
        server.port,
        "",
        store,
        aiohttp.ClientSession(),
        config.data_dir,
    )
    helper.token = await helper.pair()
    return helper


async def statuses(helper, token: str, count: int) -> list[int]:
    found = []
    for _ in range(count):
        async with helper.session.get(
            helper.base_url + "/v1/status", headers={"Authorization": f"Bearer {token}"}
        ) as answer:
            found.append(answer.status)
            if answer.status == 429:
                assert int(answer.headers["Retry-After"]) >= 1
                assert (await answer.json())["code"] == "rate_limited"
    return found


async def test_a_flood_from_one_browser_is_limited_and_others_are_not(aiohttp_server, tmp_path):
    helper = await limited_helper(aiohttp_server, tmp_path, rate=1, burst=3)
    try:
        assert await statuses(helper, helper.token, 5) == [200, 200, 200, 429, 429]
        other = await helper.pair("Other browser")
        assert await statuses(helper, other, 1) == [200]
        await asyncio.sleep(1.1)  # the bucket refills at 1 per second
        assert await statuses(helper, helper.token, 1) == [200]
    finally:
        await helper.session.close()


async def test_rate_zero_means_no_limit(aiohttp_server, tmp_path):
    helper = await limited_helper(aiohttp_server, tmp_path, rate=0, burst=0)
    try:
        assert set(await statuses(helper, helper.token, 30)) == {200}
    finally:
        await helper.session.close()


async def test_default_limit_leaves_a_seller_room(helper):
    # The dialog's burst on opening (workspace, resolve, history, searches) stays far below it.
    assert set(await statuses(helper, helper.token, 40)) == {200}
