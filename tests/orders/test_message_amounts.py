"""Amounts in a stage's message are written as the seller writes them to a customer, in the
message's language (the same conventions as the order form: docs/extension-ui.md)."""

from decimal import Decimal

import pytest

from sendocki_helper.services import automation, settings
from sendocki_helper.services.default_stages import LANGUAGE
from sendocki_helper.store.models import Stage
from tests.orders.support import BASE_ORDER, order_body, post_order


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "1,250.50\u00a0DH"),
        ("fr", "1\u202f250,50\u00a0DH"),
        ("ar", "1.250,50\u00a0درهم"),
    ],
)
def test_dirhams_in_each_language(language, expected):
    assert automation.money(Decimal("1250.50"), "MAD", language) == expected


def test_another_currency_keeps_its_code():
    assert automation.money(Decimal("99.90"), "EUR", "fr") == "99,90\u00a0EUR"


async def test_an_arabic_template_writes_dirhams_in_arabic(helper):
    template = "شكرا {{first_name}}، طلبك {{order_number}} بمبلغ {{total}}"
    await helper.store.run(
        lambda: Stage.update(message_template=template).where(Stage.id == "s_1").execute()
    )
    _, order = await post_order(helper, order_body(lines=[BASE_ORDER["lines"][2]], total=None))
    assert order["automation_message"] == "شكرا Fatima، طلبك WA-000001 بمبلغ 15,00\u00a0درهم"


async def test_english_stages_write_english_amounts(helper):
    await helper.store.run(lambda: settings.put(LANGUAGE, "en"))
    await helper.store.run(
        lambda: Stage.update(message_template="Total: {{total}}").where(Stage.id == "s_1").execute()
    )
    _, order = await post_order(helper, order_body(lines=[BASE_ORDER["lines"][2]], total=None))
    assert order["automation_message"] == "Total: 15.00\u00a0DH"
