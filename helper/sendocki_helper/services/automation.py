"""Rendering a stage's message template for a new order.

The helper only renders; the extension puts the text in the chat box and the agent presses send.
Nothing is ever sent automatically. An unknown placeholder stays as written, so the agent sees
it instead of a silently blank gap.
"""

import re
from decimal import Decimal
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def items_text(lines: list[dict[str, Any]]) -> str:
    # The delivery fee is in the total, not among the items the customer ordered.
    return ", ".join(
        f"{line['quantity']} × {line['name']}" for line in lines if line["kind"] != "delivery"
    )


def context_for(order: dict, customer_name: str, address: dict | None) -> dict[str, str]:
    return {
        "name": customer_name,
        "first_name": customer_name.split()[0] if customer_name.split() else customer_name,
        "order_number": order["number"],
        "total": money(order["total"], order["currency"]),
        "items": items_text(order["lines"]),
        "stage": order["stage"]["name"],
        "address": address["line"] if address else "",
        "city": address["city"] if address else "",
    }


def render(template: str | None, context: dict[str, str]) -> str | None:
    if not template:
        return None
    return PLACEHOLDER.sub(lambda m: context.get(m.group(1), m.group(0)), template)
