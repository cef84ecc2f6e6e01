"""POST /v1/orders/{id}/stage: the move, its message, replays, refusals, history, the outbox."""

from sendocki_helper.services.sql import execute, rows
from tests.orders.support import get_json, new_key, order_body, post_order


async def move(helper, order_id, stage_id, key=None):
    async with await helper.post(
        f"/v1/orders/{order_id}/stage",
        json={"stage_id": stage_id},
        headers={"Idempotency-Key": key or new_key()},
    ) as r:
        return r.status, await r.json(), r.headers.get("Idempotent-Replayed")


async def stages(helper) -> dict:
    _, workspace = await get_json(helper, "/v1/workspace")
    return {s["name"]: s["id"] for s in workspace["stages"]}


def outbox_rows(order_id):
    return rows(
        "SELECT id, kind, depends_on, payload_json FROM outbox WHERE aggregate_id = ? ORDER BY id",
        (order_id,),
    )


async def test_a_move_changes_the_stage_keeps_history_and_queues_one_outbox_row(helper):
    by_name = await stages(helper)
    await helper.store.run(
        execute,
        "UPDATE stages SET message_template = ? WHERE id = ?",
        (
            "Bonjour {{first_name}}, la commande {{order_number}} est confirmée ({{total}}).",
            by_name["Confirmed"],
        ),
    )
    _, order = await post_order(helper, order_body())
    key = new_key()
    status, moved, replayed = await move(helper, order["id"], by_name["Confirmed"], key)
    assert status == 200 and replayed is None
    assert moved["stage"]["name"] == "Confirmed" and moved["moved"] is True
    assert moved["stage_message"] == (
        f"Bonjour Fatima, la commande {order['number']} est confirmée (500,00\u00a0DH)."
    )
    # The same key replays the answer and moves nothing again.
    assert await move(helper, order["id"], by_name["Confirmed"], key) == (200, moved, "true")
    status, problem, _ = await move(helper, order["id"], by_name["Cancelled"], key)
    assert status == 422 and problem["code"] == "idempotency_mismatch"

    _, history = await get_json(helper, f"/v1/orders/{order['id']}/stage-history")
    assert [
        (c["from_stage"] and c["from_stage"]["name"], c["to_stage"]["name"], c["origin"])
        for c in history["changes"]
    ] == [(None, order["stage"]["name"], "local"), (order["stage"]["name"], "Confirmed", "local")]
    assert history["changes"][1]["pairing"]["name"] == "Test browser"

    queued = await helper.store.run(outbox_rows, order["id"])
    assert [(kind, depends) for _, kind, depends, _ in queued] == [
        ("order.create", None),
        ("order.move", queued[0][0]),  # after the order's own creation
    ]
    _, shown = await get_json(helper, f"/v1/orders/{order['id']}")
    assert shown["stage"]["name"] == "Confirmed"


async def test_same_stage_and_automated_stages_prepare_nothing(helper):
    by_name = await stages(helper)
    _, order = await post_order(helper, order_body())
    status, same, _ = await move(helper, order["id"], order["stage"]["id"])
    assert status == 200 and same["moved"] is False and same["stage_message"] is None
    assert [k for _, k, _, _ in await helper.store.run(outbox_rows, order["id"])] == [
        "order.create"
    ]

    await helper.store.run(
        execute,
        "UPDATE stages SET message_template = 'Votre colis est parti', automated = 1 WHERE id = ?",
        (by_name["Shipped"],),
    )
    status, shipped, _ = await move(helper, order["id"], by_name["Shipped"])
    assert status == 200 and shipped["moved"] is True and shipped["stage_message"] is None


async def test_unknown_and_inactive_stages_and_orders_are_refused(helper):
    by_name = await stages(helper)
    _, order = await post_order(helper, order_body())
    status, problem, _ = await move(helper, order["id"], "s_nope")
    assert status == 422 and problem["errors"][0]["field"] == "stage_id"
    # Codes the extension words in the seller's language, as for a new order's stage.
    assert problem["errors"][0]["code"] == "stage_unknown"
    await helper.store.run(
        execute, "UPDATE stages SET active = 0 WHERE id = ?", (by_name["Unreachable"],)
    )
    status, problem, _ = await move(helper, order["id"], by_name["Unreachable"])
    assert status == 422 and problem["errors"][0]["field"] == "stage_id"
    assert "not active" in problem["errors"][0]["message"]
    assert problem["errors"][0]["code"] == "stage_inactive"
    assert problem["errors"][0]["params"] == {"name": "Unreachable"}
    status, problem, _ = await move(helper, "o_nope", by_name["Confirmed"])
    assert (status, problem["code"]) == (404, "not_found")
    async with await helper.post(
        f"/v1/orders/{order['id']}/stage", json={"stage_id": by_name["Confirmed"]}
    ) as r:
        assert r.status == 400
    async with await helper.post(
        f"/v1/orders/{order['id']}/stage",
        json={"stage": by_name["Confirmed"]},
        headers={"Idempotency-Key": new_key()},
    ) as r:
        assert r.status == 422
    _, shown = await get_json(helper, f"/v1/orders/{order['id']}")
    assert shown["stage"] == order["stage"]
