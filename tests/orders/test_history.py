"""GET /v1/orders?conversation= / ?customer= (newest first, paginated) and GET /v1/orders/{id}."""

from tests.orders.support import get_json, order_body, post_order

CHAT = "212611223344@c.us"


async def test_a_conversation_history_newest_first_in_pages(helper):
    created = [(await post_order(helper, order_body()))[1] for _ in range(3)]
    await post_order(helper, order_body(conversation={"chat_key": "212700112233@c.us"}))
    status, page = await get_json(helper, "/v1/orders", conversation=CHAT, limit="2")
    assert status == 200
    assert [o["number"] for o in page["orders"]] == ["WA-000003", "WA-000002"]
    assert page["orders"][0] == created[2]  # each order as in the 201 answer
    assert page["next"]
    status, rest = await get_json(
        helper, "/v1/orders", conversation=CHAT, limit="2", cursor=page["next"]
    )
    assert [o["number"] for o in rest["orders"]] == ["WA-000001"] and rest["next"] is None
    _, none = await get_json(helper, "/v1/orders", conversation="212799999999@c.us")
    assert none == {"orders": [], "next": None}


async def test_a_customer_history_shows_whether_the_order_created_the_card(helper):
    _, first = await post_order(helper, order_body())
    _, _second = await post_order(helper, order_body(conversation=None))
    status, page = await get_json(helper, "/v1/orders", customer=first["customer"]["id"])
    assert status == 200
    assert [(o["number"], o["customer"]["created"], o["conversation"]) for o in page["orders"]] == [
        ("WA-000002", False, None),
        ("WA-000001", True, {"chat_key": CHAT, "display_name": "Fatima Zahra"}),
    ]


async def test_one_order_and_the_errors(helper):
    _, order = await post_order(helper, order_body())
    assert await get_json(helper, f"/v1/orders/{order['id']}") == (200, order)
    status, problem = await get_json(helper, "/v1/orders/o_nope")
    assert (status, problem["code"]) == (404, "not_found")
    status, problem = await get_json(helper, "/v1/orders", customer="c_nope")
    assert status == 404
    for params, field in [
        ({}, "conversation"),
        ({"conversation": "x@g.us"}, "conversation"),
        ({"customer": "c", "limit": "0"}, "limit"),
        ({"customer": "c", "cursor": "x"}, "cursor"),
    ]:
        status, problem = await get_json(helper, "/v1/orders", **params)
        assert status == 422 and problem["errors"][0]["field"] == field, params


async def test_history_needs_a_token(helper):
    async with helper.session.get(
        helper.base_url + "/v1/orders", params={"conversation": CHAT}
    ) as answer:
        assert answer.status == 401
    async with helper.session.get(
        helper.base_url + "/v1/customers/resolve", params={"phone": "0661234567"}
    ) as a:
        assert a.status == 401
