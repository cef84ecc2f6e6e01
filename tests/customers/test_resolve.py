"""GET /v1/customers/resolve over HTTP on the demo workspace."""

from sendocki_helper.store.models import Order, Stage
from tests.orders.support import get_json, order_body, post_order

RESOLVE = "/v1/customers/resolve"
FATIMA = "+212661234567"


async def resolve(helper, **params):
    return await get_json(helper, RESOLVE, **params)


async def test_every_writing_of_a_number_finds_the_one_card(helper):
    writings = [
        "06 61 23 45 67",
        "0661.23.45.67",
        "+212 661-234567",
        "00212661234567",
        "212661234567",
        "\u202a+212 6 61\u00a023 45 67\u202c",
        "\u200e0661234567",
    ]
    for written in writings:
        status, body = await resolve(helper, phone=written)
        assert status == 200, (written, body)
        assert body["phone"] == FATIMA
        assert body["status"] == "existing", written
        assert [c["name"] for c in body["customers"]] == ["Fatima Zahra Benali"]


async def test_a_card_has_its_addresses_stats_and_no_orders_yet(helper):
    _, body = await resolve(helper, phone="0661234567")
    card = body["customers"][0]
    assert card["phone"] == FATIMA and card["email"] == "fatima.benali@example.ma"
    # Stored E.164, shown the way a Moroccan agent reads a Moroccan number.
    assert card["phone_national"] == "06 61 23 45 67"
    assert [(a["line"], a["city"]) for a in card["addresses"]] == [
        ("12 Rue Atlas, Maarif", "Casablanca"),
        ("45 Avenue Mohammed V, Guéliz", "Marrakech"),
    ]
    assert all(a["id"] for a in card["addresses"])
    assert card["stats"] == {"orders": 0, "total_spent": "0.00"}
    assert card["recent_orders"] == [] and card["duplicate"] is False


async def test_two_cards_on_one_number_are_both_returned_flagged_not_merged(helper):
    status, body = await resolve(helper, phone="+212 6 22 33 44 55")
    assert status == 200
    assert body["status"] == "duplicates"
    assert sorted(c["name"] for c in body["customers"]) == ["Nadia T. (boutique)", "Nadia Tazi"]
    assert all(c["duplicate"] for c in body["customers"])
    assert len({c["id"] for c in body["customers"]}) == 2


async def test_a_foreign_number_and_an_unknown_one(helper):
    _, body = await resolve(helper, phone="+33 6 12 34 56 78")
    assert (body["phone"], body["status"]) == ("+33612345678", "existing")
    assert body["customers"][0]["name"] == "Omar Chraibi"
    assert body["customers"][0]["phone_national"] == "+33 6 12 34 56 78"  # foreign: international
    _, body = await resolve(helper, phone="+221 77 123 45 67")
    assert body == {
        "phone": "+221771234567",
        "status": "unknown",
        "matched_by": None,
        "conversation": None,
        "customers": [],
    }


async def test_invalid_phone_and_lid_are_422_naming_phone(helper):
    status, body = await resolve(helper, phone="0612")
    assert status == 422 and body["code"] == "validation_error"
    assert body["errors"] == [
        {
            "field": "phone",
            "code": "phone_invalid",
            "params": {},
            "message": "is not a valid phone number",
        }
    ]
    for lid in ["187364529876123@lid", "187364529876123"]:
        status, body = await resolve(helper, phone=lid)
        assert status == 422
        assert body["errors"][0]["field"] == "phone"
        assert "not a phone number" in body["errors"][0]["message"]


async def test_nothing_to_resolve_and_a_bad_conversation_key(helper):
    status, body = await resolve(helper)
    assert status == 422 and body["errors"][0]["field"] == "phone"
    status, body = await resolve(helper, conversation="120363000000@g.us")
    assert status == 422 and body["errors"][0]["field"] == "conversation"


async def test_a_hidden_number_chat_resolves_the_second_time_by_conversation(helper):
    lid_chat = "187364529876123@lid"
    _, body = await resolve(helper, conversation=lid_chat)
    assert body["status"] == "unknown"
    conversation = {"chat_key": lid_chat, "display_name": "Salma"}
    status, order = await post_order(
        helper,
        order_body(customer={"name": "Salma B.", "phone": "0655443322"}, conversation=conversation),
    )
    assert status == 201
    status, body = await resolve(helper, conversation=lid_chat)
    assert status == 200
    assert (body["status"], body["matched_by"], body["phone"]) == (
        "existing",
        "conversation",
        "+212655443322",
    )
    assert body["customers"][0]["id"] == order["customer"]["id"]
    assert body["customers"][0]["recent_orders"][0]["number"] == order["number"]


async def test_a_phone_chat_key_alone_resolves_by_its_number(helper):
    _, body = await resolve(helper, conversation="212661234567@c.us")
    assert (body["status"], body["phone"]) == ("existing", FATIMA)


async def test_stats_leave_out_cancelled_returned_and_failed_deliveries(helper):
    customer = {"phone": "0661234567", "name": "Fatima"}
    totals = ["100.00", "20.00", "3.00", "0.40", "5000.00"]
    numbers = []
    for total in totals:
        status, order = await post_order(helper, order_body(customer=customer, total=total))
        assert status == 201
        numbers.append(order["number"])

    def move(number, state):
        stage = Stage.get(Stage.state == state)
        Order.update(stage=stage.id).where(Order.number == number).execute()

    for number, state in zip(
        numbers[1:4], ["cancelled", "returned", "delivery_failure"], strict=True
    ):
        await helper.store.run(move, number, state)
    _, body = await resolve(helper, phone="0661234567")
    card = body["customers"][0]
    assert card["stats"] == {"orders": 5, "total_spent": "5100.00"}
    assert [o["number"] for o in card["recent_orders"]] == list(reversed(numbers))
    assert card["recent_orders"][3]["stage"] == {
        "id": "s_10",
        "name": "Cancelled",
        "color": "gray",
        "state": "cancelled",
    }


async def test_only_the_last_five_orders_newest_first(helper):
    numbers = []
    for _ in range(6):
        status, order = await post_order(
            helper, order_body(customer={"phone": "0661234567", "name": "F"})
        )
        assert status == 201
        numbers.append(order["number"])
    _, body = await resolve(helper, phone="0661234567")
    card = body["customers"][0]
    assert card["stats"]["orders"] == 6
    assert [o["number"] for o in card["recent_orders"]] == list(reversed(numbers))[:5]
    first = card["recent_orders"][0]
    assert set(first) >= {"id", "number", "total", "created_at", "stage"}
    assert first["created_at"].endswith("Z") and first["stage"]["color"] == "green"
