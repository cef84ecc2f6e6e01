"""GET /v1/pipeline: orders by stage with counts and totals, filters, search, pages."""

from decimal import Decimal

from sendocki_helper.services.sql import execute
from tests.orders.support import get_json, order_body, post_order


def customer(name: str, phone: str) -> dict:
    return {
        "id": None,
        "name": name,
        "phone": phone,
        "email": None,
        "address_id": None,
        "address": {"line": "1 Rue X", "city": "Rabat"},
    }


async def make(helper, name, phone, total, **changes):
    status, order = await post_order(
        helper,
        order_body(customer=customer(name, phone), total=total, conversation=None, **changes),
    )
    assert status == 201, order
    return order


async def test_counts_totals_filters_and_pages(helper):
    _, workspace = await get_json(helper, "/v1/workspace")
    stages = {s["name"]: s["id"] for s in workspace["stages"]}
    amina = await make(helper, "Amina Berrada", "0611000001", "100.00")
    karim = await make(helper, "Karim Alaoui", "0622000002", "250.00")
    confirmed = await make(
        helper, "Amina Berrada", "0611000001", "40.00", stage_id=stages["Confirmed"]
    )

    status, page = await get_json(helper, "/v1/pipeline")
    assert status == 200
    assert [o["number"] for o in page["orders"]] == [
        confirmed["number"],
        karim["number"],
        amina["number"],
    ]
    by_stage = {s["name"]: (s["count"], Decimal(s["total"])) for s in page["stages"]}
    first = page["orders"][1]["stage"]["name"]
    assert by_stage[first] == (2, Decimal("350.00"))
    assert by_stage["Confirmed"] == (1, Decimal("40.00"))
    assert page["next"] is None

    # One stage; paged by cursor; the counts come with the first page only.
    _, one = await get_json(helper, "/v1/pipeline", stage=stages[first], limit="1")
    assert [o["number"] for o in one["orders"]] == [karim["number"]] and one["next"]
    _, two = await get_json(
        helper, "/v1/pipeline", stage=stages[first], limit="1", cursor=one["next"]
    )
    assert [o["number"] for o in two["orders"]] == [amina["number"]] and two["next"] is None
    assert "stages" not in two or two["stages"] is None

    # Search by name, phone as the agent types it, and order number without its zeros.
    for q, expected in [
        ("amina", {amina["number"], confirmed["number"]}),
        ("BERR", {amina["number"], confirmed["number"]}),
        ("06 22 00", {karim["number"]}),
        ("+212622000002", {karim["number"]}),
        (karim["number"].split("-")[1].lstrip("0"), {karim["number"]}),
        (karim["number"], {karim["number"]}),
        ("nobody", set()),
    ]:
        _, found = await get_json(helper, "/v1/pipeline", q=q)
        assert {o["number"] for o in found["orders"]} == expected, q
    _, searched = await get_json(helper, "/v1/pipeline", q="amina")
    assert {s["name"]: s["count"] for s in searched["stages"]}["Confirmed"] == 1


async def test_mine_and_since(helper):
    first = await make(helper, "Amina Berrada", "0611000001", "100.00")
    second = await make(helper, "Karim Alaoui", "0622000002", "250.00")
    # Another browser's order, from yesterday.
    await helper.store.run(
        execute,
        "UPDATE orders SET pairing_id = 'pr_other', created_at = '2026-01-01T08:00:00.000000Z'"
        " WHERE id = ?",
        (first["id"],),
    )
    _, mine = await get_json(helper, "/v1/pipeline", mine="true")
    assert [o["number"] for o in mine["orders"]] == [second["number"]]
    _, recent = await get_json(helper, "/v1/pipeline", since="2026-06-01T00:00:00+01:00")
    assert [o["number"] for o in recent["orders"]] == [second["number"]]


async def test_bad_filters_name_the_field(helper):
    for params, field in [
        ({"stage": "s_nope"}, "stage"),
        ({"since": "yesterday"}, "since"),
        ({"cursor": "abc"}, "cursor"),
        ({"limit": "0"}, "limit"),
    ]:
        status, problem = await get_json(helper, "/v1/pipeline", **params)
        assert status == 422 and problem["errors"][0]["field"] == field, params
