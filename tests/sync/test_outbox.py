"""The outbox module on a real store: a row's life from enqueue to settled, and its order's state."""

from sendocki_helper.services import connection, outbox
from sendocki_helper.services.outbox import OutboxKind, OutboxStatus, SyncState
from sendocki_helper.store.models import Order, OutboxItem
from tests.sync.support import make_orders


def row_and_order(order_id: str) -> tuple[str, str]:
    row = OutboxItem.get(OutboxItem.aggregate_id == order_id)
    return row.status, Order.get_by_id(order_id).sync_state


async def test_an_order_row_goes_from_enqueued_to_delivered(store):
    [order_id] = await make_orders(store, 1)
    assert await store.run(row_and_order, order_id) == (OutboxStatus.PENDING, SyncState.LOCAL)

    assert await store.run(connection.mark_connected, "http://sendocki.test", "Shop") == 1
    assert await store.run(row_and_order, order_id) == (OutboxStatus.PENDING, SyncState.PENDING)

    claimed = await store.run(outbox.claim_next, 60.0)
    assert (claimed.kind, claimed.aggregate_id, claimed.attempted_before) == (
        OutboxKind.ORDER_CREATE,
        order_id,
        False,
    )
    assert claimed.payload["id"] == order_id and claimed.payload["customer"]["phone"]
    assert await store.run(row_and_order, order_id) == (OutboxStatus.IN_FLIGHT, SyncState.PENDING)
    assert await store.run(outbox.claim_next, 60.0) is None, "a leased row is not claimed twice"

    await store.run(outbox.settle_delivered, claimed.id, "r_1", "SD-1")
    assert await store.run(row_and_order, order_id) == (OutboxStatus.DONE, SyncState.SYNCED)
    order = await store.run(Order.get_by_id, order_id)
    assert (order.remote_id, order.remote_number) == ("r_1", "SD-1")
    depth = await store.run(outbox.depth)
    assert (depth.active, depth.needs_attention) == (0, 0)


async def test_a_retry_waits_its_backoff_and_a_refusal_stops_the_row(store):
    [order_id] = await make_orders(store, 1)
    claimed = await store.run(outbox.claim_next, 60.0)
    await store.run(outbox.settle_retry, claimed.id, 3600.0, 503, "unavailable")
    assert await store.run(outbox.claim_next, 60.0) is None, "not due before its backoff"
    assert 3500 < await store.run(outbox.seconds_until_next_due) <= 3600

    assert await store.run(outbox.make_all_due) == 1
    again = await store.run(outbox.claim_next, 60.0)
    assert (again.id, again.failures, again.attempted_before) == (claimed.id, 1, True)

    await store.run(outbox.settle_needs_attention, again.id, 422, "refused")
    assert await store.run(row_and_order, order_id) == (
        OutboxStatus.NEEDS_ATTENTION,
        SyncState.NEEDS_ATTENTION,
    )
    depth = await store.run(outbox.depth)
    assert (depth.active, depth.needs_attention, depth.last_error) == (0, 1, "refused")


async def test_a_claim_left_by_a_stopped_process_is_released(store):
    [order_id] = await make_orders(store, 1)
    claimed = await store.run(outbox.claim_next, 60.0)
    assert await store.run(outbox.release_claims) == 1
    assert await store.run(row_and_order, order_id) == (OutboxStatus.PENDING, SyncState.PENDING)
    assert (await store.run(outbox.claim_next, 60.0)).id == claimed.id


async def test_disconnecting_takes_queued_orders_back_to_local(store):
    [order_id] = await make_orders(store, 1)
    await store.run(connection.mark_connected, "http://sendocki.test", "Shop")
    await store.run(connection.mark_disconnected)
    assert await store.run(row_and_order, order_id) == (OutboxStatus.PENDING, SyncState.LOCAL)
