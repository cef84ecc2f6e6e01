"""Pulling the sandbox's workspace into a demo store: adoption, changes, deletions, search."""

import pytest

from sendocki_helper.services import catalog_search, connection
from sendocki_helper.store.models import Customer, Product, Stage, Variant
from sendocki_helper.sync import pull_store
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.support import connect, dispatcher_for, drain_until_settled, make_orders


@pytest.fixture
async def client(sandbox):
    async with SendockiClient(sandbox.url, "sk_sandbox_test") as client:
        yield client


def search_skus(text: str) -> set[str]:
    found = set()
    for result in catalog_search.search(text, 20)["results"]:
        found.add(result["sku"])
        found.update(v["sku"] for v in result["variants"])
    return found


def catalog() -> dict:
    return {
        p.sku: (p.remote_id, str(p.price), sorted(v.sku for v in p.variants))
        for p in Product.select()
    }


async def test_first_pull_adopts_local_rows_then_brings_only_changes(sandbox, store, client):
    stages_before = await store.run(lambda: Stage.select().count())
    counts = await pull_all(store, client)
    assert counts["catalog"] >= 8 and counts["stages"] == 10 and counts["customers"] >= 3

    # The demo's stages and same-SKU products became the remote ones instead of twins.
    assert await store.run(lambda: Stage.select().count()) == stages_before
    assert await store.run(lambda: Stage.select().where(Stage.remote_id.is_null()).count()) == 0
    local = await store.run(catalog)
    assert local["SAC-CUIR"][0] is not None
    assert local["SAC-CUIR"][2] == [
        "SAC-CUIR-MARRON",
        "SAC-CUIR-NOIR",
    ]  # the demo's ROUGE is not upstream
    assert (await store.run(search_skus, "tapis berbere")) >= {"TAPIS-BERBERE"}
    described = await store.run(connection.describe)
    assert described["last_pull_at"] and described["api_reachable"] is True

    again = await pull_all(store, client)
    assert set(again.values()) == {0}


async def test_price_stock_and_deletion_show_in_search_after_a_pull(sandbox, store, client):
    await pull_all(store, client)
    sandbox.admin(
        "PATCH", "/_sandbox/products/THE-VERT", {"price": "44.00", "name": "Thé vert Gunpowder"}
    )
    sandbox.admin("PATCH", "/_sandbox/variants/SAC-CUIR-NOIR", {"available": 9})
    sandbox.admin("DELETE", "/_sandbox/products/TAPIS-BERBERE")
    counts = await pull_all(store, client)
    assert counts["catalog"] == 3

    assert "TAPIS-BERBERE" not in await store.run(search_skus, "tapis berbere")
    results = (await store.run(catalog_search.search, "gunpowder", 5))["results"]
    assert [(r["sku"], str(r["price"])) for r in results] == [("THE-VERT", "44.00")]
    noir = await store.run(lambda: Variant.get(Variant.sku == "SAC-CUIR-NOIR"))
    assert noir.available == 9


async def test_a_card_made_by_an_order_is_not_twinned_by_the_pull(sandbox, store, client, tmp_path):
    await connect(store, tmp_path / "data", sandbox.url)
    await make_orders(store, 1, start=700)
    await drain_until_settled(dispatcher_for(store, client), store)
    await pull_all(store, client)
    cards = await store.run(
        lambda: [
            (c.name, c.remote_id) for c in Customer.select().where(Customer.name == "Client 700")
        ]
    )
    assert len(cards) == 1 and cards[0][1] is not None


async def test_a_customer_deleted_upstream_goes_unless_orders_need_it(sandbox, store, client):
    await pull_all(store, client)
    khadija = await store.run(lambda: Customer.get(Customer.name == "Khadija Benali"))
    sandbox.admin("DELETE", f"/_sandbox/customers/{khadija.remote_id}")
    await pull_all(store, client)
    assert await store.run(lambda: Customer.get_or_none(Customer.id == khadija.id)) is None


async def test_full_pull_starts_over(sandbox, store, client):
    await pull_all(store, client)
    await store.run(pull_store.reset_cursors)
    counts = await pull_all(store, client)
    assert counts["catalog"] >= 8
