"""Conversation keys: an order is never refused for want of a chat id (title keys), and a chat
known first by its title key is re-linked to its real chat id when one arrives."""

from sendocki_helper.store.models import Conversation, Order
from tests.orders.support import get_json, order_body, post_order

TITLE_KEY = "title:0123456789abcdef"
LID_CHAT = "187364529876123@lid"


async def test_an_order_for_a_chat_known_only_by_its_title_is_created_and_linked(helper):
    conversation = {"chat_key": TITLE_KEY, "display_name": "Salma"}
    status, order = await post_order(
        helper,
        order_body(customer={"name": "Salma B.", "phone": "0655443322"}, conversation=conversation),
    )
    assert status == 201, order
    assert order["conversation"] == {"chat_key": TITLE_KEY, "display_name": "Salma"}
    assert "conversation_not_linked" not in [w["code"] for w in order["warnings"]]
    status, body = await get_json(helper, "/v1/customers/resolve", conversation=TITLE_KEY)
    assert status == 200
    assert (body["status"], body["matched_by"], body["phone"]) == (
        "existing",
        "conversation",
        "+212655443322",
    )
    _, page = await get_json(helper, "/v1/orders", conversation=TITLE_KEY)
    assert [o["number"] for o in page["orders"]] == [order["number"]]


async def test_the_title_key_answers_for_the_chat_until_the_real_id_arrives_then_moves(helper):
    customer = {"name": "Salma B.", "phone": "0655443322"}
    _, first = await post_order(
        helper, order_body(customer=customer, conversation={"chat_key": TITLE_KEY})
    )
    # WhatsApp's state is readable now: the chat id is known, the title key still finds the card.
    status, body = await get_json(
        helper, "/v1/customers/resolve", conversation=LID_CHAT, title_key=TITLE_KEY
    )
    assert (status, body["matched_by"], body["phone"]) == (200, "conversation", "+212655443322")
    _, page = await get_json(helper, "/v1/orders", conversation=LID_CHAT, title_key=TITLE_KEY)
    assert [o["number"] for o in page["orders"]] == [first["number"]]

    # The next order carries both keys: the first order moves to the chat id.
    conversation = {"chat_key": LID_CHAT, "title_key": TITLE_KEY, "display_name": "Salma"}
    status, second = await post_order(
        helper, order_body(customer=customer, conversation=conversation)
    )
    assert status == 201, second
    assert Order.get_by_id(first["id"]).__data__["conversation"] == LID_CHAT
    assert Order.get_by_id(second["id"]).__data__["conversation"] == LID_CHAT
    assert not Conversation.select().where(Conversation.chat_key == TITLE_KEY).exists()
    _, page = await get_json(helper, "/v1/orders", conversation=LID_CHAT)
    assert [o["number"] for o in page["orders"]] == [second["number"], first["number"]]
    _, body = await get_json(helper, "/v1/customers/resolve", conversation=LID_CHAT)
    assert (body["matched_by"], body["phone"]) == ("conversation", "+212655443322")


async def test_a_key_that_cannot_be_linked_never_costs_the_order(helper):
    for key in ["120363025@g.us", "title:not-hex", "whatever"]:
        status, order = await post_order(helper, order_body(conversation={"chat_key": key}))
        assert status == 201, (key, order)
        assert order["conversation"] is None
        assert "conversation_not_linked" in [w["code"] for w in order["warnings"]]
        assert Order.get_by_id(order["id"]).__data__["conversation"] is None


async def test_a_malformed_title_key_in_a_query_names_its_field(helper):
    status, body = await get_json(
        helper, "/v1/customers/resolve", conversation=LID_CHAT, title_key="title:zz"
    )
    assert status == 422 and body["errors"][0]["field"] == "title_key"
    status, body = await get_json(helper, "/v1/orders", conversation=LID_CHAT, title_key="x")
    assert status == 422 and body["errors"][0]["field"] == "title_key"
