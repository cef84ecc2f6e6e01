"""What an importer produces: products with their variants, and the lines it rejected."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal, overload


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
MAX_PRICE = Decimal("100000000")


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
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise LineError(line, column, f"{raw!r} is not a price") from None
    if (
        not value.is_finite()
        or value < 0
        or value >= MAX_PRICE
        or value != value.quantize(Decimal("0.01"))
    ):
        raise LineError(line, column, f"{raw!r} is not a price (at most 2 decimals, not negative)")
    return value.quantize(Decimal("0.01"))


def quantity(text: str | None, line: int, column: str) -> int | None:
    raw = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise LineError(line, column, f"{raw!r} is not a whole number") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise LineError(line, column, f"{raw!r} is not a whole number")
    return max(int(value), 0)  # a negative stock (oversold) offers nothing


def required(row: dict, column: str, line: int, label: str | None = None) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise LineError(line, label or column, "is required")
    return value
