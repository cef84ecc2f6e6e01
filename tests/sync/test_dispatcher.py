"""The outbox dispatcher against the sandbox process: exactly once under every fault mode."""

import pytest
from peewee import fn

from sendocki_helper import clock
from sendocki_helper.services import connection
from sendocki_helper.store.models import OutboxItem
from sendocki_helper.sync.client import SendockiClient
from tests.sync.support import (
    connect,
    dispatcher_for,
    drain_until_settled,
    make_orders,
    order_states,
    outbox_rows,
)


@pytest.fixture
async def client(sandbox):
    # A short timeout so the latency fault can produce timeouts cheaply.
    async with SendockiClient(sandbox.url, "sk_sandbox_test", timeout=1.0) as client:
        yield client


def assert_exactly_once(sandbox, order_ids):
    delivered = sandbox.client_references()
    for order_id in order_ids:
        assert delivered.count(order_id) == 1, (
            f"{order_id} arrived {delivered.count(order_id)} times"
        )


async def test_orders_saved_before_connecting_are_sent_once_with_their_numbers(
    sandbox, store, client, tmp_path
):
    order_ids = await make_orders(store, 3)
    assert {s for s, _ in (await store.run(order_states)).values()} == {"local"}
    await connect(store, tmp_path / "data", sandbox.url)
    assert {s for s, _ in (await store.run(order_states)).values()} == {"pending"}

    dispatcher = dispatcher_for(store, client)
    await drain_until_settled(dispatcher, store)

    assert_exactly_once(sandbox, order_ids)
    states = await store.run(order_states)
    numbers = {o["client_reference"]: o["number"] for o in sandbox.orders()}
    assert {oid: states[oid] for oid in order_ids} == {
        oid: ("synced", numbers[oid]) for oid in order_ids
    }
    rows = await store.run(outbox_rows)
    assert [r.status for r in rows] == ["done"] * 3 and all(r.remote_id for r in rows)


@pytest.mark.parametrize(
    "fault",
    [
        {"fail_next": 2, "fail_status": 500},
        {"fail_next": 2, "fail_status": 503},
        {"rate_limit_next": 2, "retry_after": 1},
        {"drop_next": 2},
        {"commit_then_drop_next": 2},
        {"latency_ms": 1500},
    ],
)
async def test_each_fault_mode_delivers_exactly_once(sandbox, store, client, tmp_path, fault):
    await connect(store, tmp_path / "data", sandbox.url)
    order_ids = await make_orders(store, 2)
    sandbox.set_faults(match="POST /v1/orders", **fault)
    dispatcher = dispatcher_for(store, client)
    await dispatcher.drain()
    if "latency_ms" in fault:
        sandbox.set_faults(latency_ms=0)  # the slow answers timed out; the orders may be committed
    await drain_until_settled(dispatcher, store)

    assert_exactly_once(sandbox, order_ids)
    assert all(state == "synced" for state, _ in (await store.run(order_states)).values())
    rows = await store.run(outbox_rows)
    assert all(r.attempts >= 1 for r in rows), "every order met the fault at least once"
    keys = {o["client_reference"]: o["idempotency_key"] for o in sandbox.orders()}
    assert {r.aggregate_id: r.idempotency_key for r in rows} == {
        oid: keys[oid] for oid in order_ids
    }


async def test_retry_after_is_honoured(sandbox, store, client, tmp_path):
    await connect(store, tmp_path / "data", sandbox.url)
    await make_orders(store, 1)
    sandbox.set_faults(rate_limit_next=1, retry_after=30, match="POST /v1/orders")
    before = clock.utcnow()
    await dispatcher_for(store, client).drain()
    row = (await store.run(outbox_rows))[0]
    assert row.status == "pending" and row.last_status == 429
    assert (clock.parse_iso(row.next_attempt_at) - before).total_seconds() >= 30


async def test_a_refused_order_needs_attention_with_the_servers_message(
    sandbox, store, client, tmp_path
):
    await connect(store, tmp_path / "data", sandbox.url)
    bad, good = await make_orders(store, 2)
    # Corrupt the first payload the way a bug would: the server must refuse it, and say why.
    await store.run(
        lambda: (
            OutboxItem.update(
                payload_json=fn.replace(OutboxItem.payload_json, '"cash_on_delivery"', '"cheque"')
            )
            .where(OutboxItem.aggregate_id == bad)
            .execute()
        )
    )
    await drain_until_settled(dispatcher_for(store, client), store)

    states = await store.run(order_states)
    assert states[bad] == ("needs_attention", None) and states[good][0] == "synced"
    row = next(r for r in await store.run(outbox_rows) if r.aggregate_id == bad)
    assert row.status == "needs_attention" and row.last_status == 422
    assert "payment_method" in row.last_error
    assert sandbox.client_references().count(bad) == 0


async def test_a_refused_key_pauses_the_queue_without_burning_attempts(sandbox, store, tmp_path):
    await connect(store, tmp_path / "data", sandbox.url)
    await make_orders(store, 2)
    async with SendockiClient(sandbox.url, "sk_wrong") as wrong:
        attempts = await dispatcher_for(store, wrong).drain()
    assert attempts == 1, "the queue stops at the first 401"
    rows = await store.run(outbox_rows)
    assert [(r.status, r.attempts) for r in rows] == [("pending", 0), ("pending", 0)]
    described = await store.run(connection.describe)
    assert described["paused"] == "auth" and "reconnect" in described["last_error"]

    await connect(store, tmp_path / "data", sandbox.url)  # reconnecting lifts the pause
    async with SendockiClient(sandbox.url, "sk_sandbox_test") as right:
        await drain_until_settled(dispatcher_for(store, right), store)
    assert len([r for r in await store.run(outbox_rows) if r.status == "done"]) == 2


async def test_sandbox_down_then_back_delivers_everything_once(sandbox, store, client, tmp_path):
    await connect(store, tmp_path / "data", sandbox.url)
    sandbox.set_faults(down=True)
    dispatcher = dispatcher_for(store, client)
    order_ids = []
    for i in range(3):
        order_ids += await make_orders(store, 2, start=10 * i)
        await dispatcher.drain()
    assert (await store.run(connection.describe))["api_reachable"] is False
    sandbox.set_faults(down=False)
    await drain_until_settled(dispatcher, store)
    assert_exactly_once(sandbox, order_ids)
    assert (await store.run(connection.describe))["outbox_depth"] == 0


async def test_a_second_order_for_a_new_card_reuses_the_remote_card(
    sandbox, store, client, tmp_path
):
    await connect(store, tmp_path / "data", sandbox.url)
    (first,) = await make_orders(store, 1, start=500)
    await drain_until_settled(dispatcher_for(store, client), store)
    (second,) = await make_orders(store, 1, start=500)  # same phone: the same local card
    await drain_until_settled(dispatcher_for(store, client), store)
    by_reference = {o["client_reference"]: o for o in sandbox.orders()}
    assert by_reference[first]["customer_id"] == by_reference[second]["customer_id"]
