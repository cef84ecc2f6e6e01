"""What an importer produces: products with their variants, and the lines it rejected."""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, overload
from urllib.parse import urlsplit


@dataclass
class VariantRecord:
    line: int
    sku: str
    name: str
    attributes: dict
    price: Decimal | None  # None: the product's price
    available: int | None  # None: keep the stock the store has (0 for a new variant)


@dataclass
class ProductRecord:
    line: int
    sku: str
    name: str
    kind: str  # simple | variable
    price: Decimal
    cost: Decimal | None = None
    active: bool = True
    variants: list[VariantRecord] = field(default_factory=list)
    image_url: str | None = None  # the first photo's address, the thumbnail's source


@dataclass
class LineError(Exception):
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class Parsed:
    products: list[ProductRecord] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


CURRENCY_WORDS = ("mad", "dhs", "dh", "€", "eur", "$")
MAX_PRICE = Decimal(100000000)
# Plain digits only: an exponent ('1e1000000') or a 10,000-digit number never reaches Decimal,
# whose cost grows with the exponent.
MAX_NUMBER_CHARS = 24  # '1 299 999,50 MAD' fits
PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,15})?")


def _plain_number(raw: str, cleaned: str, line: int, column: str, what: str) -> Decimal:
    if len(raw) > MAX_NUMBER_CHARS or not PLAIN_NUMBER.fullmatch(cleaned):
        shown = raw if len(raw) <= MAX_NUMBER_CHARS else raw[:MAX_NUMBER_CHARS] + "..."
        raise LineError(line, column, f"{shown!r} is not {what}")
    return Decimal(cleaned)


@overload
def money(text: str | None, line: int, column: str, required: Literal[True]) -> Decimal: ...
@overload
def money(text: str | None, line: int, column: str, required: bool) -> Decimal | None: ...
def money(text: str | None, line: int, column: str, required: bool) -> Decimal | None:
    """'149.00', '199,00', '1 299,50', '1.299,50', '149 MAD' -> Decimal; never a float."""
    raw = (text or "").strip()
    lowered = raw.lower()
    for word in CURRENCY_WORDS:
        if lowered.endswith(word):
            lowered = lowered[: -len(word)].strip()
    cleaned = lowered.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        if required:
            raise LineError(line, column, "is required")
        return None
    if "," in cleaned and "." in cleaned:  # the last one is the decimal separator
        thousands = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(thousands, "")
    cleaned = cleaned.replace(",", ".")
    value = _plain_number(raw, cleaned, line, column, "a price")
    if value < 0 or value >= MAX_PRICE or value != value.quantize(Decimal("0.01")):
        raise LineError(line, column, f"{raw!r} is not a price (at most 2 decimals, not negative)")
    return value.quantize(Decimal("0.01"))


MAX_STOCK = 1_000_000_000


def quantity(text: str | None, line: int, column: str) -> int | None:
    raw = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    value = _plain_number(raw, raw.replace(",", "."), line, column, "a whole number")
    if value != value.to_integral_value() or value >= MAX_STOCK:
        raise LineError(line, column, f"{raw!r} is not a whole number below {MAX_STOCK}")
    return max(int(value), 0)  # a negative stock (oversold) offers nothing


MAX_URL_CHARS = 2048


def image_url(text: str | None, line: int, column: str) -> str | None:
    """The first of comma-separated image URLs (the thumbnail's source); http(s) only."""
    first = next((part.strip() for part in (text or "").split(",") if part.strip()), None)
    if first is None:
        return None
    shown = first if len(first) <= 80 else first[:80] + "..."
    if len(first) > MAX_URL_CHARS:
        raise LineError(line, column, f"{shown!r} is longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(first)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise LineError(line, column, f"{shown!r} is not an http(s) address")
    return first


def required(row: dict, column: str, line: int, label: str | None = None) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise LineError(line, label or column, "is required")
    return value
