"""The sandbox's orders feed and stage moves: history, idempotent moves, conflicts, admin routes."""

import uuid

import aiohttp

from tests.sandbox.server import API_KEY
from tests.sandbox.test_sandbox_orders import AUTH, order_body, post


async def call(session, sandbox, method, path, body=None, key=None):
    headers = dict(AUTH)
    if key:
        headers["Idempotency-Key"] = key
    async with session.request(method, sandbox.url + path, json=body, headers=headers) as r:
        return r.status, await r.json()


async def feed(session, sandbox, cursor=None):
    entries = []
    while True:
        query = "/v1/sync/orders?limit=2" + (f"&cursor={cursor}" if cursor else "")
        status, page = await call(session, sandbox, "GET", query)
        assert status == 200
        entries += page["data"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return entries, cursor


def stage_ids(sandbox) -> dict:
    return {s["name"]: s["id"] for s in sandbox.admin("GET", "/_sandbox/stages")["stages"]}


async def test_orders_feed_brings_new_orders_then_only_moved_ones(sandbox):
    stages = stage_ids(sandbox)
    agents = sandbox.admin("GET", "/_sandbox/agents")["agents"]
    async with aiohttp.ClientSession() as session:
        _, start = await feed(session, sandbox)
        reference = "o_" + uuid.uuid4().hex
        status, created, _ = await post(session, sandbox, order_body(reference), str(uuid.uuid4()))
        assert status == 201
        elsewhere = sandbox.admin(
            "POST",
            "/_sandbox/orders",
            {
                "customer_id": created["customer"]["id"],
                "lines": [{"sku": "SAC-CUIR-NOIR", "quantity": 2}],
                "created_by": agents[0]["id"],
            },
        )
        assert elsewhere["client_reference"] is None and elsewhere["total"] == "378.00"

        entries, cursor = await feed(session, sandbox, start)
        assert [e["id"] for e in entries] == [created["id"], elsewhere["id"]]
        mine = entries[0]
        assert mine["client_reference"] == reference and mine["external_number"] == "WA-000001"
        assert mine["stage"]["id"] == stages["New"] and mine["total"] == "30.00"
        assert [(h["from_stage_id"], h["to_stage_id"]) for h in mine["stage_history"]] == [
            (None, stages["New"])
        ]
        assert mine["customer"]["phone"] == "+212661000001" and mine["lines"][0]["quantity"] == 2
        assert entries[1]["created_by"] == agents[0]["id"]
        assert entries[1]["lines"][0]["sku"] == "SAC-CUIR-NOIR"

        sandbox.admin(
            "POST", f"/_sandbox/orders/{created['id']}/stage", {"stage_id": stages["Confirmed"]}
        )
        entries, _ = await feed(session, sandbox, cursor)
        assert [e["id"] for e in entries] == [created["id"]]
        assert entries[0]["stage"]["name"] == "Confirmed"
        assert [h["to_stage_id"] for h in entries[0]["stage_history"]] == [
            stages["New"],
            stages["Confirmed"],
        ]


async def test_a_move_replays_by_key_refuses_bad_stages_and_reports_conflicts(sandbox):
    stages = stage_ids(sandbox)
    async with aiohttp.ClientSession() as session:
        _, created, _ = await post(
            session, sandbox, order_body("o_" + uuid.uuid4().hex), str(uuid.uuid4())
        )
        path = f"/v1/orders/{created['id']}/stage"
        move = {
            "stage_id": stages["Confirmed"],
            "expected_stage_id": stages["New"],
            "client_reference": "m_1",
        }
        key = str(uuid.uuid4())
        status, moved = await call(session, sandbox, "POST", path, move, key)
        assert status == 200 and moved["stage"]["name"] == "Confirmed"
        assert (await call(session, sandbox, "POST", path, move, key)) == (200, moved)
        status, problem = await call(
            session, sandbox, "POST", path, {**move, "stage_id": stages["Cancelled"]}, key
        )
        assert status == 422 and problem["code"] == "idempotency_mismatch"

        status, problem = await call(
            session, sandbox, "POST", path, {"stage_id": "stg_nope"}, str(uuid.uuid4())
        )
        assert status == 422 and problem["errors"][0]["field"] == "stage_id"
        status, problem = await call(session, sandbox, "POST", path, {"stage_id": stages["New"]})
        assert status == 400 and problem["code"] == "missing_idempotency_key"

        # Someone moved it in the web app: a move that expected Confirmed is refused with the order.
        sandbox.admin(
            "POST", f"/_sandbox/orders/{created['id']}/stage", {"stage_id": stages["Shipped"]}
        )
        stale = {"stage_id": stages["Cancelled"], "expected_stage_id": stages["Confirmed"]}
        status, problem = await call(session, sandbox, "POST", path, stale, str(uuid.uuid4()))
        assert status == 409 and problem["code"] == "stage_conflict"
        assert problem["order"]["stage"]["name"] == "Shipped"

        status, order = await call(session, sandbox, "GET", f"/v1/orders/{created['id']}")
        assert [h["client_reference"] for h in order["stage_history"]] == [None, "m_1", None]
        assert order["stage"]["name"] == "Shipped"


async def test_the_orders_feed_needs_the_api_key(sandbox):
    async with aiohttp.ClientSession() as session:
        async with session.get(sandbox.url + "/v1/sync/orders") as r:
            assert r.status == 401
        async with session.get(
            sandbox.url + "/v1/sync/orders", headers={"Authorization": f"Bearer {API_KEY}"}
        ) as r:
            assert r.status == 200
