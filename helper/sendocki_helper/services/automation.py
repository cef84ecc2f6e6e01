"""Rendering a stage's message template for a new order.

The helper only renders; the extension puts the text in the chat box and the agent presses send.
Nothing is ever sent automatically. An unknown placeholder stays as written, so the agent sees
it instead of a silently blank gap.
"""

import re
from decimal import Decimal
from typing import Any

from sendocki_helper.services import settings
from sendocki_helper.services.default_stages import LANGUAGE as PIPELINE_LANGUAGE

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# As Moroccan sellers write the dirham, and as the order form shows it (docs/extension-ui.md,
# "Local conventions"): DH in French and English, درهم in Arabic; another currency by its code.
CURRENCY_WORDS = {"MAD": {"en": "DH", "fr": "DH", "ar": "درهم"}}
# Grouping and decimal marks: 1,250.00 / 1 250,00 (narrow no-break space) / 1.250,00.
MARKS = {
    "en": str.maketrans({}),
    "fr": str.maketrans(",.", "\u202f,"),
    "ar": str.maketrans(",.", ".,"),
}


def money(amount: Decimal, currency: str, language: str = "en") -> str:
    digits = f"{amount:,.2f}".translate(MARKS.get(language, MARKS["en"]))
    word = CURRENCY_WORDS.get(currency, {}).get(language, currency)
    return f"{digits}\u00a0{word}"


def message_language(template: str) -> str:
    """The language the amount is written in: an Arabic template's, else the standard stages'
    language (English or French), French when unknown (the product's default language)."""
    if ARABIC_LETTER.search(template):
        return "ar"
    return "en" if settings.get(PIPELINE_LANGUAGE) == "en" else "fr"


def items_text(lines: list[dict[str, Any]]) -> str:
    # The delivery fee is in the total, not among the items the customer ordered.
    return ", ".join(
        f"{line['quantity']} × {line['name']}" for line in lines if line["kind"] != "delivery"
    )


def context_for(
    order: dict, customer_name: str, address: dict | None, language: str = "fr"
) -> dict[str, str]:
    return {
        "name": customer_name,
        "first_name": customer_name.split()[0] if customer_name.split() else customer_name,
        "order_number": order["number"],
        "total": money(order["total"], order["currency"], language),
        "items": items_text(order["lines"]),
        "stage": order["stage"]["name"],
        "address": address["line"] if address else "",
        "city": address["city"] if address else "",
    }


def render(template: str | None, context: dict[str, str]) -> str | None:
    if not template:
        return None
    return PLACEHOLDER.sub(lambda m: context.get(m.group(1), m.group(0)), template)


def message_for_order(
    template: str | None, order: dict, customer_name: str, address: dict | None
) -> str | None:
    """The stage's message for this order, ready for the seller to read and send."""
    if not template:
        return None
    return render(template, context_for(order, customer_name, address, message_language(template)))
