"""POST /v1/orders: the order, its totals, its customer card, its conversation and its outbox row."""

import hashlib
import json
import uuid

from sendocki_helper.store.models import (
    Address,
    Conversation,
    Customer,
    Order,
    OrderLine,
    OutboxItem,
    Stage,
)
from tests.orders.support import BASE_ORDER, get_json, order_body, post_order, variant_id


def count(model):
    return lambda: model.select().count()


async def test_the_product_example_creates_the_documented_order(helper):
    status, order = await post_order(helper, order_body())
    assert status == 201, order
    assert order["number"] == "WA-000001" and order["id"].startswith("o_")
    assert order["created_at"].endswith("Z") and len(order["created_at"]) == 20
    assert order["stage"] == {"id": "s_1", "name": "New", "color": "green", "state": "new"}
    assert order["customer"]["created"] is True
    assert [
        (
            line["kind"],
            line["sku"],
            line["name"],
            line["quantity"],
            line["catalog_unit_price"],
            line["unit_price"],
            line["line_total"],
        )
        for line in order["lines"]
    ] == [
        ("catalog", "SAC-CUIR-NOIR", "Sac cuir / Noir", 2, "189.00", "189.00", "378.00"),
        ("catalog", "TSH-BLANC-M", "T-shirt blanc / M / Blanc", 1, "139.00", "129.00", "129.00"),
        ("free", None, "Emballage cadeau", 1, None, "15.00", "15.00"),
    ]
    assert order["lines"][0]["variant_id"] == await variant_id(helper, "SAC-CUIR-NOIR")
    assert (order["catalog_total"], order["lines_total"], order["total"], order["adjustment"]) == (
        "532.00",
        "522.00",
        "500.00",
        "-32.00",
    )
    assert order["currency"] == "MAD"
    assert (order["payment_method"], order["payment_status"]) == ("cash_on_delivery", "pending")
    assert order["sync_state"] == "local"
    assert order["warnings"] == [
        {
            "code": "insufficient_stock",
            "sku": "SAC-CUIR-NOIR",
            "variant_id": order["lines"][0]["variant_id"],
            "available": 1,
            "requested": 2,
        }
    ]
    assert order["automation_message"] == (
        "Bonjour Fatima Zahra,\nmerci pour votre commande WA-000001 (500,00\u00a0DH) : 2 × Sac cuir / Noir, "
        "1 × T-shirt blanc / M / Blanc, 1 × Emballage cadeau.\nNous vous appelons très bientôt pour la confirmer."
    )
    assert order["note"] == "Livrer après 18h"
    assert order["address"]["line"] == "12 Rue Atlas, Maarif"
    assert order["conversation"] == {
        "chat_key": "212611223344@c.us",
        "display_name": "Fatima Zahra",
    }

    # What GET answers is what POST answered.
    assert await get_json(helper, f"/v1/orders/{order['id']}") == (200, order)


async def test_the_order_is_stored_with_card_lines_conversation_and_one_outbox_row(helper):
    _, order = await post_order(helper, order_body())

    def read():
        row = Order.get(Order.id == order["id"])
        card = Customer.get(Customer.id == order["customer"]["id"])
        lines = list(
            OrderLine.select().where(OrderLine.order == row.id).order_by(OrderLine.position)
        )
        chat = Conversation.get(Conversation.chat_key == "212611223344@c.us")
        outbox = list(OutboxItem.select())
        return row, card, lines, chat, outbox

    row, card, lines, chat, outbox = await helper.store.run(read)
    assert (str(row.total), str(row.catalog_total), row.seq) == ("500.00", "532.00", 1)
    assert (card.name, card.phone) == ("Fatima Zahra", "+212611223344")
    assert [(line.sku, line.quantity, str(line.unit_price)) for line in lines] == [
        ("SAC-CUIR-NOIR", 2, "189.00"),
        ("TSH-BLANC-M", 1, "129.00"),
        (None, 1, "15.00"),
    ]
    assert chat.customer_id == card.id and chat.display_name == "Fatima Zahra"

    assert len(outbox) == 1
    item = outbox[0]
    assert (item.kind, item.aggregate_id, item.status, item.attempts) == (
        "order.create",
        order["id"],
        "pending",
        0,
    )
    assert uuid.UUID(item.idempotency_key).version == 4
    assert item.payload_hash == hashlib.sha256(item.payload_json.encode()).hexdigest()
    payload = json.loads(item.payload_json)
    for field in (
        "id",
        "number",
        "lines",
        "total",
        "catalog_total",
        "adjustment",
        "stage",
        "warnings",
        "note",
    ):
        assert payload[field] == order[field]
    assert payload["customer"] == {
        "id": card.id,
        "created": True,
        "name": "Fatima Zahra",
        "phone": "+212611223344",
        "email": None,
        "tags": [],
    }
    assert payload["address"] == {
        "id": order["address"]["id"],
        "line": "12 Rue Atlas, Maarif",
        "city": "Casablanca",
    }
    assert payload["conversation"] == {
        "chat_key": "212611223344@c.us",
        "display_name": "Fatima Zahra",
    }


async def test_without_a_total_the_total_is_the_lines_total(helper):
    body = order_body(total=None, lines=[{"kind": "catalog", "sku": "SAC-DOS", "quantity": 3}])
    _, order = await post_order(helper, body)
    assert order["lines"][0]["name"] == "Sac à dos en toile"  # a simple product: its one variant
    assert (order["catalog_total"], order["lines_total"], order["total"], order["adjustment"]) == (
        "447.00",
        "447.00",
        "447.00",
        "0.00",
    )
    assert order["warnings"] == []


async def test_a_line_by_variant_id_takes_the_variant_price_override(helper):
    vid = await variant_id(helper, "HUILE-ARGAN-100ML")
    body = order_body(
        total="300",
        lines=[
            {"kind": "catalog", "variant_id": vid, "quantity": 1},
            {
                "kind": "catalog",
                "variant_id": vid,
                "sku": "HUILE-ARGAN-100ML",
                "quantity": 1,
                "unit_price": 150,
            },
        ],
    )
    status, order = await post_order(helper, body)
    assert status == 201, order
    assert [
        (line["sku"], line["catalog_unit_price"], line["unit_price"]) for line in order["lines"]
    ] == [
        ("HUILE-ARGAN-100ML", "210.00", "210.00"),
        ("HUILE-ARGAN-100ML", "210.00", "150.00"),
    ]
    assert (order["catalog_total"], order["lines_total"], order["total"], order["adjustment"]) == (
        "420.00",
        "360.00",
        "300.00",
        "-120.00",
    )


async def test_stock_is_summed_per_variant_for_the_warning(helper):
    lines = [
        {"kind": "catalog", "sku": "SAC-CUIR-MARRON", "quantity": 4},
        {"kind": "catalog", "sku": "SAC-CUIR-MARRON", "quantity": 4},
        {"kind": "catalog", "sku": "SAC-CUIR-ROUGE", "quantity": 1},
        {"kind": "free", "name": "Sac sur mesure", "unit_price": "500.00", "quantity": 50},
    ]
    _, order = await post_order(helper, order_body(lines=lines, total=None))
    assert [(w["sku"], w["available"], w["requested"]) for w in order["warnings"]] == [
        ("SAC-CUIR-MARRON", 7, 8),
        ("SAC-CUIR-ROUGE", 0, 1),
    ]


async def test_new_card_data_on_a_known_phone_goes_to_that_card(helper):
    body = order_body(
        customer={
            "name": "Fatima (WhatsApp)",
            "phone": "+212 661-234567",
            "address": {"line": "7 Rue de Rome", "city": "Tanger"},
        }
    )
    _, order = await post_order(helper, body)
    assert order["customer"]["created"] is False
    assert (
        order["customer"]["name"] == "Fatima Zahra Benali"
    )  # the card she never saw keeps its name

    def cards():
        found = Customer.select().where(Customer.phone == "+212661234567")
        return [
            (c.id, sorted(a.city for a in Address.select().where(Address.customer == c.id)))
            for c in found
        ]

    assert await helper.store.run(cards) == [
        (order["customer"]["id"], ["Casablanca", "Marrakech", "Tanger"])
    ]


async def test_a_picked_card_takes_corrections_and_a_saved_address(helper):
    _, resolved = await get_json(helper, "/v1/customers/resolve", phone="0700112233")
    card = resolved["customers"][0]
    body = order_body(
        customer={
            "id": card["id"],
            "name": "Karim El Fassi Jr",
            "phone": "0700112233",
            "email": "karim@example.ma",
            "address_id": card["addresses"][0]["id"],
        }
    )
    status, order = await post_order(helper, body)
    assert status == 201, order
    assert order["customer"] == {
        "id": card["id"],
        "created": False,
        "name": "Karim El Fassi Jr",
        "phone": "+212700112233",
    }
    assert order["address"] == card["addresses"][0]
    _, again = await get_json(helper, "/v1/customers/resolve", phone="0700112233")
    assert again["customers"][0]["email"] == "karim@example.ma"
    assert again["customers"][0]["addresses"] == card["addresses"]


async def test_the_same_address_typed_again_is_not_saved_twice(helper):
    body = order_body(
        customer={
            "phone": "0700112233",
            "name": "K",
            "address": {"line": "8 rue de fès, agdal", "city": "RABAT"},
        }
    )
    _, order = await post_order(helper, body)
    _, resolved = await get_json(helper, "/v1/customers/resolve", phone="0700112233")
    assert [a["id"] for a in resolved["customers"][0]["addresses"]] == [order["address"]["id"]]


async def test_a_phone_with_two_cards_needs_a_pick(helper):
    body = order_body(customer={"name": "Nadia", "phone": "0622334455"})
    status, problem = await post_order(helper, body)
    assert status == 422
    assert problem["errors"] == [
        {
            "field": "customer.id",
            "code": "phone_shared",
            "params": {"count": 2},
            "message": "2 customer cards share this phone number: choose one",
        }
    ]
    _, resolved = await get_json(helper, "/v1/customers/resolve", phone="0622334455")
    picked = resolved["customers"][1]["id"]
    status, order = await post_order(helper, order_body(customer={"id": picked}))
    assert status == 201 and order["customer"]["id"] == picked
    assert order["address"] is None


async def test_order_details_stage_agent_team_payment(helper):
    _, workspace = await get_json(helper, "/v1/workspace")
    confirmed = next(s for s in workspace["stages"] if s["name"] == "Confirmed")
    body = order_body(
        stage_id=confirmed["id"],
        agent_id=workspace["agents"][0]["id"],
        team_id=workspace["teams"][0]["id"],
        payment_method="online_payment",
        payment_status="paid",
    )
    status, order = await post_order(helper, body)
    assert status == 201, order
    assert order["stage"]["name"] == "Confirmed"
    assert order["automation_message"] is None  # no template on that stage
    assert (order["agent_id"], order["team_id"]) == (
        workspace["agents"][0]["id"],
        workspace["teams"][0]["id"],
    )
    assert (order["payment_method"], order["payment_status"]) == ("online_payment", "paid")


async def test_an_inactive_stage_is_refused_and_the_default_is_the_first_active(helper):
    await helper.store.run(lambda: Stage.update(active=False).where(Stage.id == "s_1").execute())
    status, problem = await post_order(helper, order_body(stage_id="s_1"))
    assert status == 422 and problem["errors"] == [
        {
            "field": "stage_id",
            "code": "stage_inactive",
            "params": {"name": "New"},
            "message": "stage 'New' is not active",
        }
    ]
    status, order = await post_order(helper, order_body())
    assert status == 201 and order["stage"]["name"] == "Unreachable"


async def test_numbers_follow_each_other_and_several_orders_share_a_conversation(helper):
    numbers = [(await post_order(helper, order_body()))[1]["number"] for _ in range(3)]
    assert numbers == ["WA-000001", "WA-000002", "WA-000003"]
    assert await helper.store.run(count(Customer)) == 6  # 5 demo cards + Fatima Zahra once
    assert await helper.store.run(count(OutboxItem)) == 3


async def test_template_placeholders_name_total_items_and_unknown_ones_kept(helper):
    template = "Salam {{ name }}: {{order_number}}, {{total}}, {{items}} -> {{city}} {{unknown}}"
    await helper.store.run(
        lambda: Stage.update(message_template=template).where(Stage.id == "s_1").execute()
    )
    _, order = await post_order(helper, order_body(lines=[BASE_ORDER["lines"][2]], total=None))
    assert order["automation_message"] == (
        "Salam Fatima Zahra: WA-000001, 15,00\u00a0DH, 1 × Emballage cadeau -> Casablanca {{unknown}}"
    )
