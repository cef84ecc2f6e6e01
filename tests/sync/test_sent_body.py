"""The body of an order's first attempt is stored and sent unchanged on every retry under its key."""

import json

import pytest

from sendocki_helper.store.models import Variant
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.support import (
    connect,
    dispatcher_for,
    drain_until_settled,
    make_orders,
    outbox_rows,
)


@pytest.fixture
async def client(sandbox):
    async with SendockiClient(sandbox.url, "sk_sandbox_test") as client:
        yield client


async def test_a_pull_between_two_attempts_does_not_change_the_body(
    sandbox, store, client, tmp_path
):
    await connect(store, tmp_path / "data", sandbox.url)
    (order_id,) = await make_orders(store, 1)
    sandbox.set_faults(match="POST /v1/orders", drop_next=1)  # unknown outcome; nothing committed
    dispatcher = dispatcher_for(store, client)
    await dispatcher.drain()
    (row,) = await store.run(outbox_rows)
    assert (row.status, row.attempts) == ("pending", 1)
    first = json.loads(row.request_body)
    # Before any pull the demo's variant and stage have no Sendocki ids.
    assert first["lines"][0]["variant_id"] is None and first["stage"]["id"] is None

    await pull_all(store, client)
    noir = await store.run(lambda: Variant.get(Variant.sku == "SAC-CUIR-NOIR"))
    assert noir.remote_id is not None, "the pull linked the ordered variant to its Sendocki id"

    await drain_until_settled(dispatcher, store)
    (row,) = await store.run(outbox_rows)
    assert row.status == "done" and json.loads(row.request_body) == first
    (received,) = [o for o in sandbox.orders() if o["client_reference"] == order_id]
    assert received["body"] == first
    assert received["idempotency_key"] == row.idempotency_key
