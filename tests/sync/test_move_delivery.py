"""Moves reach Sendocki exactly once, after the order's own creation, under every fault the
sandbox injects; a move Sendocki refuses as a conflict is shown to the agent, never lost."""

import uuid

import pytest

from sendocki_helper.schemas.orders import StageMoveRequest
from sendocki_helper.services import idempotency, order_history, order_moves
from sendocki_helper.store.models import Stage
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.support import (
    connect,
    dispatcher_for,
    drain_until_settled,
    make_orders,
    outbox_rows,
)

FAULTS = [
    {"fail_next": 2, "fail_status": 500},
    {"fail_next": 2, "fail_status": 503},
    {"rate_limit_next": 2, "retry_after": 1},
    {"drop_next": 2},
    {"commit_then_drop_next": 2},
    {"latency_ms": 1500},
]


@pytest.fixture
async def client(sandbox):
    async with SendockiClient(sandbox.url, "sk_sandbox_test", timeout=1.0) as client:
        yield client


def local_stage(name: str) -> str:
    return Stage.get((Stage.name == name) & Stage.remote_id.is_null(False)).id


async def move(store, order_id: str, stage_name: str) -> dict:
    stage_id = await store.run(local_stage, stage_name)
    keyed = idempotency.KeyedRequest(
        "p_test", str(uuid.uuid4()), "POST", "/v1/orders/{order_id}/stage"
    )
    moved = await store.run(
        order_moves.move_order, keyed, order_id, StageMoveRequest(stage_id=stage_id)
    )
    return moved.answer


def moves_in_sandbox(sandbox, order_id: str) -> list[tuple]:
    order = next(o for o in sandbox.orders() if o["client_reference"] == order_id)
    return [(c["client_reference"], c["to_stage_id"]) for c in order["stage_changes"][1:]]


def stage_names(sandbox) -> dict:
    return {s["id"]: s["name"] for s in sandbox.admin("GET", "/_sandbox/stages")["stages"]}


@pytest.mark.parametrize("fault", FAULTS)
async def test_moves_arrive_once_in_order_after_the_creation(
    sandbox, store, client, tmp_path, fault
):
    await connect(store, tmp_path / "data", sandbox.url)
    await pull_all(store, client)  # stages with their Sendocki ids
    [order_id] = await make_orders(store, 1)
    # Moved twice before Sendocki even has the order: both wait for the creation, in order.
    await move(store, order_id, "Confirmed")
    await move(store, order_id, "Shipped")
    sandbox.set_faults(match="POST /v1/orders", **fault)
    dispatcher = dispatcher_for(store, client)
    await dispatcher.drain()
    if "latency_ms" in fault:
        sandbox.set_faults(latency_ms=0)
    await drain_until_settled(dispatcher, store)

    assert sandbox.client_references().count(order_id) == 1
    names = stage_names(sandbox)
    assert [names[stage] for _, stage in moves_in_sandbox(sandbox, order_id)] == [
        "Confirmed",
        "Shipped",
    ]
    rows = await store.run(outbox_rows)
    assert [(r.kind, r.status) for r in rows] == [
        ("order.create", "done"),
        ("order.move", "done"),
        ("order.move", "done"),
    ]
    assert any(r.attempts for r in rows), "the fault was met"
    shown = await store.run(order_history.get_order, order_id)
    assert shown["stage"]["name"] == "Shipped" and shown["stage_issue"] is None


async def test_a_move_of_a_synced_order_under_commit_then_drop_arrives_once(
    sandbox, store, client, tmp_path
):
    await connect(store, tmp_path / "data", sandbox.url)
    await pull_all(store, client)
    [order_id] = await make_orders(store, 1)
    dispatcher = dispatcher_for(store, client)
    await drain_until_settled(dispatcher, store)
    sandbox.set_faults(match="POST /v1/orders/", commit_then_drop_next=3)
    await move(store, order_id, "Confirmed")
    await drain_until_settled(dispatcher, store)
    assert len(moves_in_sandbox(sandbox, order_id)) == 1


async def test_a_conflict_is_shown_to_the_agent_and_the_order_takes_sendockis_stage(
    sandbox, store, client, tmp_path
):
    await connect(store, tmp_path / "data", sandbox.url)
    await pull_all(store, client)
    [order_id] = await make_orders(store, 1)
    dispatcher = dispatcher_for(store, client)
    await drain_until_settled(dispatcher, store)
    remote = next(o for o in sandbox.orders() if o["client_reference"] == order_id)
    shipped = next(i for i, n in stage_names(sandbox).items() if n == "Shipped")
    sandbox.admin("POST", f"/_sandbox/orders/{remote['id']}/stage", {"stage_id": shipped})

    await move(store, order_id, "Cancelled")  # the agent had not pulled: they still saw New
    await drain_until_settled(dispatcher, store)

    assert moves_in_sandbox(sandbox, order_id) == [(None, shipped)]  # only the web app's move
    shown = await store.run(order_history.get_order, order_id)
    assert shown["stage"]["name"] == "Shipped"
    issue = shown["stage_issue"]
    assert issue["code"] == "stage_conflict" and "Shipped" in issue["message"]
    assert "Cancelled" in issue["message"]
    row = (await store.run(outbox_rows))[-1]
    assert (row.kind, row.status, row.last_status) == ("order.move", "done", 409)
    history = await store.run(lambda: order_history.stage_history(order_id)["changes"])
    assert [c["to_stage"]["name"] for c in history] == ["New", "Shipped"]

    # The agent moves it again, seeing where it is: it goes through and the issue clears.
    await move(store, order_id, "Delivered")
    await drain_until_settled(dispatcher, store)
    shown = await store.run(order_history.get_order, order_id)
    assert shown["stage"]["name"] == "Delivered" and shown["stage_issue"] is None
    assert stage_names(sandbox)[moves_in_sandbox(sandbox, order_id)[-1][1]] == "Delivered"
