"""Reliability with real processes: a sandbox server and a `sendocki-helper serve`, both killed in
finally. Orders are counted on the sandbox side; the sandbox's own duplicate guard is off."""

import signal

import pytest

from tests.sandbox.server import SandboxProcess
from tests.sync.processes import (
    FAST_SYNC_ENV,
    ConnectedHelper,
    assert_exactly_once,
    cli,
    wait_until,
)


@pytest.fixture
def world(tmp_path, monkeypatch):
    for name, value in FAST_SYNC_ENV.items():
        monkeypatch.setenv(name, value)
    sandbox = SandboxProcess(tmp_path / "sandbox")
    helper = ConnectedHelper(tmp_path, sandbox)
    try:
        sandbox.start()
        sandbox.set_faults(unique_references=False)
        helper.start()
        yield sandbox, helper
    finally:
        helper.stop(signal.SIGKILL)
        sandbox.stop()


def all_done(helper, order_ids):
    outbox = helper.outbox()
    return all(outbox.get(oid) == "done" for oid in order_ids)


def test_a_orders_pile_up_while_the_sandbox_is_down_and_arrive_once(world):
    sandbox, helper = world
    standalone = [helper.create_order(i) for i in range(2)]  # before any account
    helper.connect()
    wait_until(lambda: all_done(helper, standalone), what="standalone orders sent after connecting")

    sandbox.stop()
    piled = [helper.create_order(i) for i in range(10, 16)]
    wait_until(
        lambda: helper.status()["sync"]["api_reachable"] is False, what="the helper noticing"
    )
    status = helper.status()
    assert status["mode"] == "connected" and status["sync"]["outbox_depth"] == 6
    assert status["sync"]["oldest_pending_age_seconds"] is not None and status["sync"]["last_error"]
    sandbox.start()
    sandbox.set_faults(unique_references=False)
    wait_until(lambda: all_done(helper, piled), what="piled-up orders delivered")

    assert_exactly_once(sandbox, standalone + piled)
    numbers = {o["client_reference"]: o["number"] for o in sandbox.orders()}
    code, order = helper.api("GET", f"/v1/orders/{piled[0]}")
    assert code == 200 and order["sync_state"] == "synced"
    assert helper.status()["sync"]["outbox_depth"] == 0
    assert numbers[piled[0]].startswith("SO-")


@pytest.mark.parametrize(
    "fault",
    [
        {"fail_next": 3, "fail_status": 500},
        {"fail_next": 3, "fail_status": 503},
        {"rate_limit_next": 2, "retry_after": 1},
        {"drop_next": 3},
        {"commit_then_drop_next": 3},
    ],
)
def test_b_each_fault_mode_no_duplicate_no_loss(world, fault):
    sandbox, helper = world
    helper.connect()
    sandbox.set_faults(match="POST /v1/orders", **fault)
    order_ids = [helper.create_order(i) for i in range(3)]
    wait_until(lambda: all_done(helper, order_ids), what="orders delivered through the fault")
    assert_exactly_once(sandbox, order_ids)
    left = sandbox.admin("GET", "/_sandbox/faults")
    assert all(left[name] == 0 for name in fault if name.endswith("_next")), "the fault was met"


def test_c_helper_killed_mid_dispatch_still_exactly_once(world):
    sandbox, helper = world
    helper.connect()
    # Slow answers keep a request in flight long enough to kill the helper in the middle of it.
    sandbox.set_faults(match="POST /v1/orders", latency_ms=1500)
    order_ids = [helper.create_order(i) for i in range(3)]
    wait_until(
        lambda: sandbox.admin("GET", "/_sandbox/faults")["in_progress"] >= 1,
        what="an order request inside the sandbox",
    )
    assert "in_flight" in helper.outbox().values()
    helper.stop(signal.SIGKILL)
    wait_until(
        lambda: len(sandbox.orders()) >= 1,
        timeout=10,
        what="the sandbox committing the cut request",
    )
    sandbox.set_faults(latency_ms=0)

    helper.start()
    wait_until(lambda: all_done(helper, order_ids), what="orders delivered after restart")
    assert_exactly_once(sandbox, order_ids)


def test_d_catalog_change_and_deletion_show_in_search_after_a_pull(world):
    sandbox, helper = world
    helper.connect()
    done = cli("sync", "--data-dir", str(helper.data_dir), "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr

    def search(text):
        code, body = helper.api("GET", f"/v1/catalog/search?q={text}&limit=10")
        assert code == 200, body
        return {r["sku"]: r for r in body["results"]}

    assert "TAPIS-BERBERE" in search("tapis")
    sandbox.admin("PATCH", "/_sandbox/products/HUILE-ARGAN", {"price": "135.00"})
    sandbox.admin("PATCH", "/_sandbox/variants/HUILE-ARGAN", {"available": 3})
    sandbox.admin("DELETE", "/_sandbox/products/TAPIS-BERBERE")
    done = cli("sync", "--data-dir", str(helper.data_dir), "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "catalog 2" in done.stdout

    assert "TAPIS-BERBERE" not in search("tapis")
    argan = search("argan")["HUILE-ARGAN"]
    assert argan["price"] == "135.00"
    assert [v["available"] for v in argan["variants"] if v["sku"] == "HUILE-ARGAN"] == [3]
