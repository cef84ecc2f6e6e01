"""Two helper processes on one Sendocki workspace (the sandbox): agent B sees agent A's open
order for the customer, with who created it, after a pull."""

import pytest

from tests.sync.processes import FAST_SYNC_ENV, ConnectedHelper, wait_until


@pytest.fixture
def fast_sync(monkeypatch):
    for name, value in FAST_SYNC_ENV.items():
        monkeypatch.setenv(name, value)


def start_connected(tmp_path, sandbox, name: str) -> ConnectedHelper:
    helper = ConnectedHelper(tmp_path / name, sandbox)
    helper.start()
    helper.connect()
    status, pulled = helper.api("POST", "/v1/sync/pull")
    assert status == 200, pulled
    return helper


def agent_id(helper: ConnectedHelper, name: str) -> str:
    _, workspace = helper.api("GET", "/v1/workspace")
    return next(a["id"] for a in workspace["agents"] if a["name"] == name)


async def test_agent_b_sees_agent_a_open_order_after_a_pull(sandbox, tmp_path, fast_sync):
    a = start_connected(tmp_path, sandbox, "a")
    b = start_connected(tmp_path, sandbox, "b")
    try:
        status, me = a.api("PATCH", "/v1/pairings/current", {"agent_id": agent_id(a, "Salma")})
        assert status == 200 and me["agent"]["name"] == "Salma"
        status, refused = a.api("PATCH", "/v1/pairings/current", {"agent_id": "ag_nope"})
        assert status == 422 and refused["errors"][0]["field"] == "agent_id"

        order_id = a.create_order(931)
        wait_until(lambda: a.outbox().get(order_id) == "done", what="the order reaches Sendocki")
        _, order = a.api("GET", f"/v1/orders/{order_id}")
        phone = "0662000931"
        _, unknown = b.api("GET", f"/v1/customers/resolve?phone={phone}")
        assert unknown["status"] == "unknown"

        status, pulled = b.api("POST", "/v1/sync/pull")
        assert status == 200 and pulled["counts"]["orders"] >= 1
        _, seen = b.api("GET", f"/v1/customers/resolve?phone={phone}")
    finally:
        a.stop()
        b.stop()
    [card] = seen["customers"]
    assert [
        (o["number"], o["created_by"] and o["created_by"]["name"], o["stage"]["name"])
        for o in card["open_orders"]
    ] == [(order["number"], "Salma", "New")]
    assert card["open_orders"][0]["created_at"] == order["created_at"]
