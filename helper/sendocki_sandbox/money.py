"""Money on the wire: strings with two decimals; in the sandbox's SQLite: integer centimes."""

import re
from decimal import Decimal

MONEY = re.compile(r"^\d{1,10}\.\d{2}$")


def to_text(cents: int | None) -> str | None:
    if cents is None:
        return None
    return f"{Decimal(cents) / 100:.2f}"


def parse(text) -> int:
    """Raises ValueError unless `text` is a non-negative amount written like "149.00"."""
    if not isinstance(text, str) or not MONEY.match(text):
        raise ValueError('must be a string with two decimals, like "149.00"')
    return int(Decimal(text) * 100)
