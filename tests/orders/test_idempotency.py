"""Idempotency-Key on POST /v1/orders: replay, mismatch, missing, parallel retries, per pairing."""

import asyncio
import json

from sendocki_helper import clock
from sendocki_helper.store.models import IdempotencyKey, Order, OutboxItem, Variant
from tests.orders.support import new_key, order_body, post_order, post_order_raw


def counts():
    return Order.select().count(), OutboxItem.select().count()


async def test_a_missing_key_is_400_and_creates_nothing(helper):
    for headers in ({}, {"Idempotency-Key": "  "}):
        async with await helper.post("/v1/orders", json=order_body(), headers=headers) as answer:
            assert answer.status == 400
            problem = await answer.json()
        assert problem["code"] == "idempotency_key_missing"
        assert answer.content_type == "application/problem+json"
    assert await helper.store.run(counts) == (0, 0)


async def test_same_key_same_body_replays_the_first_answer(helper):
    key = new_key()
    status, first, headers = await post_order_raw(helper, order_body(), key)
    assert status == 201 and "Idempotent-Replayed" not in headers
    status, again, headers = await post_order_raw(helper, order_body(), key)
    assert status == 201 and headers["Idempotent-Replayed"] == "true"
    assert again == first
    assert await helper.store.run(counts) == (1, 1)


async def test_key_order_and_spacing_do_not_make_another_request(helper):
    key = new_key()
    body = order_body()
    await post_order(helper, body, key)
    reordered = json.loads(json.dumps(body, sort_keys=True))
    reordered["customer"]["name"] = "  Fatima Zahra "
    headers = {"Idempotency-Key": key, "Content-Type": "application/json"}
    async with await helper.post(
        "/v1/orders", data=json.dumps(reordered, indent=3), headers=headers
    ) as answer:
        assert answer.status == 201 and answer.headers["Idempotent-Replayed"] == "true"
    assert await helper.store.run(counts) == (1, 1)


async def test_same_key_other_body_is_refused(helper):
    key = new_key()
    await post_order(helper, order_body(), key)
    status, problem = await post_order(helper, order_body(total="499.00"), key)
    assert status == 422 and problem["code"] == "idempotency_mismatch"
    assert await helper.store.run(counts) == (1, 1)


async def test_eight_parallel_requests_with_one_key_make_one_order(helper):
    key = new_key()
    results = await asyncio.gather(*(post_order_raw(helper, order_body(), key) for _ in range(8)))
    assert [status for status, _, _ in results] == [201] * 8
    assert len({answer["id"] for _, answer, _ in results}) == 1
    assert sum("Idempotent-Replayed" not in headers for _, _, headers in results) == 1
    assert await helper.store.run(counts) == (1, 1)


async def test_a_refused_request_does_not_use_up_its_key(helper):
    key = new_key()
    status, _ = await post_order(helper, order_body(customer={"name": "A", "phone": "0612"}), key)
    assert status == 422
    status, order = await post_order(helper, order_body(), key)
    assert status == 201 and order["number"] == "WA-000001"


async def test_keys_belong_to_one_pairing(helper):
    key = new_key()
    _, first = await post_order(helper, order_body(), key)
    other_token = await helper.pair("Second browser")
    headers = {"Authorization": f"Bearer {other_token}", "Idempotency-Key": key}
    async with helper.session.post(
        helper.base_url + "/v1/orders", json=order_body(), headers=headers
    ) as answer:
        assert answer.status == 201 and "Idempotent-Replayed" not in answer.headers
        assert (await answer.json())["id"] != first["id"]
    assert await helper.store.run(counts) == (2, 2)


async def test_a_replay_survives_catalog_changes_and_the_key_is_kept_seven_days(helper):
    key = new_key()
    _, first = await post_order(helper, order_body(), key)
    await helper.store.run(
        lambda: Variant.update(active=False).where(Variant.sku == "TSH-BLANC-M").execute()
    )
    status, problem = await post_order(helper, order_body())
    assert status == 422 and "no longer sold" in problem["errors"][0]["message"]
    status, again = await post_order(helper, order_body(), key)
    assert (status, again) == (201, first)
    row = await helper.store.run(lambda: IdempotencyKey.get(IdempotencyKey.key == key))
    kept = clock.parse_iso(row.expires_at) - clock.parse_iso(row.created_at)
    assert kept.days >= 7 and row.state == "done" and row.status_code == 201


async def test_an_expired_key_counts_as_new(helper):
    key = new_key()
    _, first = await post_order(helper, order_body(), key)
    await helper.store.run(
        lambda: IdempotencyKey.update(expires_at="2000-01-01T00:00:00.000000Z").execute()
    )
    status, second, headers = await post_order_raw(helper, order_body(total="1.00"), key)
    assert status == 201 and "Idempotent-Replayed" not in headers and second["id"] != first["id"]
    assert (
        await helper.store.run(
            lambda: IdempotencyKey.select().where(IdempotencyKey.key == key).count()
        )
        == 1
    )
