"""Each injected fault does what the contract page says, by admin endpoint and by start flag."""

import uuid

import aiohttp
import pytest

from tests.sandbox.server import API_KEY, SandboxProcess
from tests.sandbox.test_sandbox_orders import order_body, post

AUTH = {"Authorization": f"Bearer {API_KEY}"}


async def account_status(session, sandbox):
    async with session.get(sandbox.url + "/v1/account", headers=AUTH) as r:
        return r.status, r.headers.get("Retry-After")


async def test_next_n_fail_then_rate_limit_with_retry_after(sandbox):
    sandbox.set_faults(fail_next=2, fail_status=500, rate_limit_next=1, retry_after=7)
    async with aiohttp.ClientSession() as session:
        statuses = [await account_status(session, sandbox) for _ in range(4)]
    assert statuses == [(500, None), (500, None), (429, "7"), (200, None)]


async def test_drop_before_processing_commits_nothing(sandbox):
    reference = "o_" + uuid.uuid4().hex
    sandbox.set_faults(drop_next=1, match="POST /v1/orders")
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await post(session, sandbox, order_body(reference), str(uuid.uuid4()))
        assert (await account_status(session, sandbox))[0] == 200  # GETs do not match
    assert reference not in sandbox.client_references()


async def test_commit_then_drop_commits_and_the_same_key_replays(sandbox):
    reference, key = "o_" + uuid.uuid4().hex, str(uuid.uuid4())
    sandbox.set_faults(commit_then_drop_next=1, match="POST /v1/orders")
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await post(session, sandbox, order_body(reference), key)
        assert sandbox.client_references().count(reference) == 1
        status, answer, replayed = await post(session, sandbox, order_body(reference), key)
    assert (status, replayed) == (201, "true") and answer["client_reference"] == reference
    assert sandbox.client_references().count(reference) == 1


async def test_down_cuts_everything_until_lifted(sandbox):
    sandbox.set_faults(down=True)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await account_status(session, sandbox)
        sandbox.set_faults(down=False)
        assert (await account_status(session, sandbox))[0] == 200


async def test_unknown_fault_fields_are_refused(sandbox):
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as caught:
        sandbox.set_faults(explode=True)
    assert caught.value.code == 422


async def test_flags_set_faults_at_start(tmp_path):
    sandbox = SandboxProcess(
        tmp_path / "flags",
        "--fail-next",
        "1",
        "--fail-status",
        "503",
        "--fault-match",
        "GET /v1/account",
    )
    try:
        sandbox.start()
        async with aiohttp.ClientSession() as session:
            assert [(await account_status(session, sandbox))[0] for _ in range(2)] == [503, 200]
    finally:
        sandbox.stop()
