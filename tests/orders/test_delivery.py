"""The delivery line: the fee for the order's city from the workspace's table, changeable by
the agent, carried by totals, the stored lines, the outbox payload and Sendocki's body."""

import json
from decimal import Decimal

from sendocki_helper.services import delivery
from sendocki_helper.store.models import OrderLine, OutboxItem
from sendocki_helper.sync.wire import RemoteRefs
from sendocki_helper.sync.wire import order_body as sendocki_body
from tests.orders.support import field_errors, order_body, post_order

PRODUCTS = [{"kind": "catalog", "sku": "SAC-CUIR-NOIR", "quantity": 1}]  # 189.00
DELIVERY = {"kind": "delivery", "quantity": 1}


def set_fees(helper, default="35.00", free_above=None):
    rows = [
        delivery.FeeRow("casablanca", "Casablanca", Decimal("20.00")),
        delivery.FeeRow("rabat", "Rabat", Decimal("30.00")),
    ]
    return helper.store.run(
        delivery.replace,
        rows,
        Decimal(default) if default else None,
        Decimal(free_above) if free_above else None,
        "file",
    )


def with_city(city: str, lines) -> dict:
    body = order_body(lines=lines, total=None)
    body["customer"]["address"]["city"] = city
    return body


def summary(order) -> tuple:
    delivery_lines = [line for line in order["lines"] if line["kind"] == "delivery"]
    line = delivery_lines[0] if delivery_lines else {}
    return (
        line.get("name"),
        line.get("catalog_unit_price"),
        line.get("unit_price"),
        order["catalog_total"],
        order["total"],
    )


async def test_casablanca_in_any_spelling_adds_its_fee_and_the_total_includes_it(helper):
    await set_fees(helper)
    for spelling in ("Casablanca", "Casa", "الدار البيضاء", "dar el beida"):
        status, order = await post_order(helper, with_city(spelling, [*PRODUCTS, DELIVERY]))
        assert status == 201, order
        assert summary(order) == ("Livraison Casablanca", "20.00", "20.00", "209.00", "209.00")
    status, order = await post_order(helper, with_city("Tiznit", [*PRODUCTS, DELIVERY]))
    assert summary(order) == ("Livraison Tiznit", "35.00", "35.00", "224.00", "224.00")


async def test_a_saved_address_picked_by_id_is_priced_for_its_city(helper):
    await set_fees(helper)
    status, first = await post_order(helper, with_city("Rabat", PRODUCTS))
    assert status == 201, first
    body = order_body(lines=[*PRODUCTS, DELIVERY], total=None)
    body["customer"].pop("address")
    body["customer"]["address_id"] = first["address"]["id"]
    status, order = await post_order(helper, body)
    assert status == 201, order
    assert summary(order) == ("Livraison Rabat", "30.00", "30.00", "219.00", "219.00")


async def test_the_agent_changes_or_removes_the_fee_and_the_trace_keeps_it(helper):
    await set_fees(helper)
    changed = {**DELIVERY, "unit_price": "10.00"}
    status, order = await post_order(helper, with_city("Casa", [*PRODUCTS, changed]))
    assert status == 201
    assert summary(order) == ("Livraison Casablanca", "20.00", "10.00", "209.00", "199.00")
    assert order["adjustment"] == "-10.00"
    status, order = await post_order(helper, with_city("Casa", PRODUCTS))  # removed
    assert [line["kind"] for line in order["lines"]] == ["catalog"]
    assert order["total"] == "189.00"
    # The automation message lists what was ordered, not the fee.
    assert "Livraison" not in (order["automation_message"] or "")


async def test_free_above_the_threshold(helper):
    await set_fees(helper, free_above="300.00")
    two = [{"kind": "catalog", "sku": "SAC-CUIR-NOIR", "quantity": 2}, DELIVERY]  # 378.00
    _, order = await post_order(helper, with_city("Rabat", two))
    assert summary(order) == ("Livraison Rabat", "0.00", "0.00", "378.00", "378.00")
    _, order = await post_order(helper, with_city("Rabat", [*PRODUCTS, DELIVERY]))
    assert summary(order)[1:3] == ("30.00", "30.00")


async def test_delivery_line_errors_name_their_field(helper):
    await set_fees(helper, default=None)
    status, problem = await post_order(helper, with_city("Tiznit", [*PRODUCTS, DELIVERY]))
    assert status == 422
    assert field_errors(problem) == {
        "lines[1].unit_price": "no delivery fee is set for this city: give the fee"
    }
    bad = [
        *PRODUCTS,
        {"kind": "delivery", "quantity": 2},
        {"kind": "delivery", "quantity": 1, "sku": "X"},
        DELIVERY,
    ]
    status, problem = await post_order(helper, with_city("Casa", bad))
    assert status == 422
    errors = field_errors(problem)
    assert errors["lines[1].quantity"] == "must be 1 on a delivery line"
    assert errors["lines[2].sku"] == "is not allowed on a delivery line"
    assert errors["lines[3].kind"] == "an order has at most one delivery line"
    # Given a fee, a city without one is fine.
    given = {**DELIVERY, "unit_price": "25.00"}
    status, order = await post_order(helper, with_city("Tiznit", [*PRODUCTS, given]))
    assert summary(order) == ("Livraison Tiznit", None, "25.00", "214.00", "214.00")


async def test_stored_line_outbox_payload_and_sendocki_body_carry_the_delivery_kind(helper):
    await set_fees(helper)
    status, order = await post_order(helper, with_city("Casablanca", [DELIVERY, *PRODUCTS]))
    assert status == 201
    assert [line["kind"] for line in order["lines"]] == ["delivery", "catalog"]

    def stored():
        lines = list(OrderLine.select().order_by(OrderLine.position).tuples())
        item = OutboxItem.get()
        return lines, json.loads(item.payload_json)

    lines, payload = await helper.store.run(stored)
    assert [(row[3], row[7]) for row in lines] == [
        ("delivery", "Livraison Casablanca"),
        ("catalog", "Sac cuir / Noir"),
    ]
    body = sendocki_body(payload, RemoteRefs(), _Card())
    assert body["lines"][0] == {
        "kind": "delivery",
        "name": "Livraison Casablanca",
        "quantity": 1,
        "catalog_unit_price": "20.00",
        "unit_price": "20.00",
    }
    assert body["address"]["city"] == "Casablanca"


class _Card:
    id, name, phone, email = "c_1", "Fatima Zahra", "+212611223344", None
