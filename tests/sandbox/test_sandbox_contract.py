"""The sandbox implements the contract: auth, delta feeds with cursors and tombstones, problems."""

import aiohttp

from tests.sandbox.server import API_KEY

AUTH = {"Authorization": f"Bearer {API_KEY}"}


async def pull_all(session, url, feed, cursor=None, limit=3):
    entries = []
    while True:
        params = {"limit": str(limit)} | ({"cursor": cursor} if cursor else {})
        async with session.get(f"{url}/v1/sync/{feed}", params=params, headers=AUTH) as r:
            assert r.status == 200, await r.text()
            page = await r.json()
        entries += page["data"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return entries, cursor


async def test_every_v1_route_needs_the_api_key(sandbox):
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
            async with session.get(sandbox.url + "/v1/account", headers=headers) as r:
                assert r.status == 401
                assert r.content_type == "application/problem+json"
                assert (await r.json())["code"] == "invalid_api_key"
        async with session.get(sandbox.url + "/v1/account", headers=AUTH) as r:
            account = await r.json()
    assert account["workspace"]["currency"] == "MAD"


async def test_catalog_feed_pages_then_brings_only_changes_and_deletions(sandbox):
    async with aiohttp.ClientSession() as session:
        everything, cursor = await pull_all(session, sandbox.url, "catalog")
        skus = {e["sku"] for e in everything}
        assert {"SAC-CUIR", "HUILE-ARGAN", "TAPIS-BERBERE"} <= skus and len(skus) == len(everything)
        simple = next(e for e in everything if e["sku"] == "HUILE-ARGAN")
        assert [v["sku"] for v in simple["variants"]] == ["HUILE-ARGAN"]
        assert simple["price"] == "120.00"

        nothing, same = await pull_all(session, sandbox.url, "catalog", cursor)
        assert nothing == [] and same == cursor

        sandbox.admin("PATCH", "/_sandbox/variants/SAC-CUIR-NOIR", {"available": 42})
        sandbox.admin("PATCH", "/_sandbox/products/THE-VERT", {"price": "41.50"})
        sandbox.admin("DELETE", "/_sandbox/products/TAPIS-BERBERE")
        changes, _ = await pull_all(session, sandbox.url, "catalog", cursor)

    by_sku = {e.get("sku"): e for e in changes if not e["deleted"]}
    assert set(by_sku) == {"SAC-CUIR", "THE-VERT"}
    assert {v["sku"]: v["available"] for v in by_sku["SAC-CUIR"]["variants"]}["SAC-CUIR-NOIR"] == 42
    assert by_sku["THE-VERT"]["price"] == "41.50"
    tapis = next(e for e in everything if e["sku"] == "TAPIS-BERBERE")
    assert {"id": tapis["id"], "deleted": True} in changes


async def test_customers_come_with_their_addresses_and_remaining_counts(sandbox):
    async with aiohttp.ClientSession() as session:
        async with session.get(
            sandbox.url + "/v1/sync/customers", params={"limit": "1", "count": "true"}, headers=AUTH
        ) as r:
            page = await r.json()
        everything, _ = await pull_all(session, sandbox.url, "customers")
    assert page["remaining"] == len(everything) - 1
    youssef = next(c for c in everything if c["name"] == "Youssef El Amrani")
    assert youssef["phone"] == "+212612345678"
    assert {a["city"] for a in youssef["addresses"]} == {"Rabat", "Marrakech"}


async def test_bad_cursor_and_limit_are_problems_naming_the_field(sandbox):
    async with aiohttp.ClientSession() as session:
        async with session.get(
            sandbox.url + "/v1/sync/catalog", params={"cursor": "garbage!"}, headers=AUTH
        ) as r:
            assert r.status == 400
            body = await r.json()
            assert body["code"] == "invalid_cursor" and body["errors"][0]["field"] == "cursor"
        async with session.get(
            sandbox.url + "/v1/sync/catalog", params={"limit": "5000"}, headers=AUTH
        ) as r:
            assert r.status == 400 and (await r.json())["errors"][0]["field"] == "limit"
        async with session.get(sandbox.url + "/v1/sync/nothing", headers=AUTH) as r:
            assert r.status == 404
