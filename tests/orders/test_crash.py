"""An acknowledged order survives SIGKILL; retried unanswered requests create each order once.

Real `sendocki-helper serve` processes on a real SQLite file: 4 clients submit orders, the helper
is killed with requests in flight, restarted on the same data folder, and the clients retry.
"""

import asyncio
import signal
import uuid

import aiohttp

from tests.orders.support import order_body

CHAT = "212611223344@c.us"
CLIENTS = 4
KILL_AFTER = 24  # acknowledged orders before the kill


async def pair(session, proc) -> dict:
    code = proc.pairing_code()
    async with session.post(
        proc.base_url + "/v1/pairings", json={"code": code, "client_name": "crash"}
    ) as r:
        assert r.status == 201, await r.text()
        return {"Authorization": f"Bearer {(await r.json())['token']}"}


def body_for(index: int) -> dict:
    return order_body(note=f"draft {index}", total=f"{100 + index}.00")


async def post(session, proc, auth, key, body):
    headers = {**auth, "Idempotency-Key": key}
    async with session.post(proc.base_url + "/v1/orders", json=body, headers=headers) as r:
        return r.status, await r.json(), r.headers


async def test_sigkill_loses_no_acknowledged_order_and_retries_create_each_once(helper_process):
    proc = helper_process()
    proc.start()
    answered: dict[str, dict] = {}  # key -> 201 answer
    unanswered: dict[str, dict] = {}  # key -> body, to resubmit
    drafts = iter(range(10_000))
    killed = asyncio.Event()

    async def client(session, auth):
        # Each client submits until a request goes unanswered: in flight when the kill landed, or
        # sent after it (a request the server finished just before dying is simply answered).
        while True:
            index = next(drafts)
            key, body = str(uuid.uuid4()), body_for(index)
            try:
                status, answer, _ = await post(session, proc, auth, key, body)
            except (TimeoutError, aiohttp.ClientError):
                unanswered[key] = body
                return
            assert status == 201, answer
            answered[key] = answer
            if len(answered) >= KILL_AFTER and not killed.is_set():
                proc.process.send_signal(signal.SIGKILL)  # the other clients are mid-request
                killed.set()

    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        auth = await pair(session, proc)
        await asyncio.gather(*(client(session, auth) for _ in range(CLIENTS)))
        assert proc.process.wait(5) == -signal.SIGKILL
        assert len(answered) >= KILL_AFTER and unanswered

        proc.start()  # same data folder, same token
        for key, answer in answered.items():
            async with session.get(f"{proc.base_url}/v1/orders/{answer['id']}", headers=auth) as r:
                assert r.status == 200, key
                assert await r.json() == answer
        retried = {}
        for key, body in unanswered.items():
            status, answer, _ = await post(session, proc, auth, key, body)
            assert status == 201, answer
            retried[key] = answer
            status, again, headers = await post(
                session, proc, auth, key, body
            )  # a second retry: a replay
            assert (status, again["id"], headers["Idempotent-Replayed"]) == (
                201,
                answer["id"],
                "true",
            )

        stored, cursor = [], None
        while True:
            params = {
                "conversation": CHAT,
                "limit": "100",
                **({"cursor": cursor} if cursor else {}),
            }
            async with session.get(proc.base_url + "/v1/orders", params=params, headers=auth) as r:
                page = await r.json()
            stored += page["orders"]
            cursor = page["next"]
            if cursor is None:
                break

    expected = {a["id"] for a in answered.values()} | {a["id"] for a in retried.values()}
    assert len(expected) == len(answered) + len(unanswered)
    assert sorted(o["id"] for o in stored) == sorted(expected)  # every draft exactly once
    assert sorted(o["note"] for o in stored) == sorted(
        b["note"]
        for b in [
            *(body_for(int(a["note"].split()[1])) for a in answered.values()),
            *unanswered.values(),
        ]
    )
