"""The orders feed: own orders follow Sendocki's stage, orders made elsewhere arrive on the card
and the chat, total spent follows the stages, and a pull brings only what changed."""

from decimal import Decimal

import pytest

from sendocki_helper.services import conversations, customers, order_history, order_stages
from sendocki_helper.store.models import Agent, Customer, Order, Stage
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.support import connect, dispatcher_for, drain_until_settled, make_orders


@pytest.fixture
async def client(sandbox):
    async with SendockiClient(sandbox.url, "sk_sandbox_test") as client:
        yield client


def remote_stage(sandbox, name: str) -> str:
    return next(
        s["id"] for s in sandbox.admin("GET", "/_sandbox/stages")["stages"] if s["name"] == name
    )


def sandbox_order(sandbox, client_reference: str) -> dict:
    return next(o for o in sandbox.orders() if o["client_reference"] == client_reference)


async def test_an_order_made_here_follows_its_stage_in_sendocki(sandbox, store, client, tmp_path):
    await connect(store, tmp_path / "data", sandbox.url)
    [order_id] = await make_orders(store, 1, start=800)
    await drain_until_settled(dispatcher_for(store, client), store)
    await pull_all(store, client)
    remote = sandbox_order(sandbox, order_id)
    sandbox.admin(
        "POST",
        f"/_sandbox/orders/{remote['id']}/stage",
        {"stage_id": remote_stage(sandbox, "Confirmed")},
    )

    counts = await pull_all(store, client)
    assert counts["orders"] == 1
    order = await store.run(order_history.get_order, order_id)
    assert order["stage"]["name"] == "Confirmed"
    history = await store.run(order_stages.history, order_id)
    assert [
        (h["from_stage"] and h["from_stage"]["name"], h["to_stage"]["name"], h["origin"])
        for h in history
    ] == [
        (None, "New", "local"),
        ("New", "Confirmed", "sendocki"),
    ]
    # Adopted, not twinned; the number the seller knows stays.
    assert (
        await store.run(lambda: Order.select().where(Order.remote_id == remote["id"]).count()) == 1
    )
    assert order["number"].startswith("WA-")
    assert set((await pull_all(store, client)).values()) == {0}


async def test_an_order_made_elsewhere_arrives_on_the_card_and_the_chat(sandbox, store, client):
    await pull_all(store, client)
    # The demo has its own Fatima on this phone: the card Sendocki knows is the pulled one.
    card_id, remote_customer = await store.run(
        lambda: (
            Customer.select(Customer.id, Customer.remote_id)
            .where(Customer.phone == "+212661234567", Customer.remote_id.is_null(False))
            .tuples()
            .get()
        )
    )
    card = await store.run(lambda: customers.describe_cards([customers.card_by_id(card_id)])[0])
    chat = "212661234567@c.us"
    await store.run(
        conversations.link, chat, "Fatima", card["id"], "2026-11-30T10:00:00.000000Z", None
    )
    salma = next(
        a for a in sandbox.admin("GET", "/_sandbox/agents")["agents"] if a["name"] == "Salma"
    )
    made = sandbox.admin(
        "POST",
        "/_sandbox/orders",
        {
            "customer_id": remote_customer,
            "lines": [{"sku": "SAC-CUIR-NOIR", "quantity": 2}],
            "created_by": salma["id"],
            "external_number": "WA-000042",
        },
    )
    spent_before = card["stats"]["total_spent"]

    assert (await pull_all(store, client))["orders"] == 1
    order = await store.run(lambda: Order.select().where(Order.remote_id == made["id"]).get())
    assert (order.origin, order.number, order.external_number) == (
        "sendocki",
        made["number"],
        "WA-000042",
    )
    assert order.conversation_key == chat and order.customer_id == card["id"]
    assert await store.run(lambda: Agent.get_by_id(order.created_by_agent_id).name) == "Salma"
    shown = await store.run(order_history.get_order, order.id)
    assert [
        (line["sku"], line["quantity"], line["variant_id"] is not None) for line in shown["lines"]
    ] == [("SAC-CUIR-NOIR", 2, True)]
    assert shown["total"] == Decimal("378.00")
    listed = await store.run(order_history.list_orders, chat, None, 20, None)
    assert made["number"] in [o["number"] for o in listed["orders"]]
    after = await store.run(lambda: customers.describe_cards([customers.card_by_id(card["id"])])[0])
    assert Decimal(after["stats"]["total_spent"]) == Decimal(spent_before) + Decimal("378.00")

    # Cancelled in Sendocki: the order stays in the history and leaves total spent.
    sandbox.admin(
        "POST",
        f"/_sandbox/orders/{made['id']}/stage",
        {"stage_id": remote_stage(sandbox, "Cancelled")},
    )
    assert (await pull_all(store, client))["orders"] == 1
    cancelled = await store.run(
        lambda: customers.describe_cards([customers.card_by_id(card["id"])])[0]
    )
    assert Decimal(cancelled["stats"]["total_spent"]) == Decimal(spent_before)
    assert cancelled["recent_orders"][0]["stage"]["name"] == "Cancelled"
    assert (
        await store.run(lambda: Stage.get_by_id(Order.get_by_id(order.id).stage_id).state)
        == "cancelled"
    )
