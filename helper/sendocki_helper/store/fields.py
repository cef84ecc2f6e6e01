"""Column types shared by the models."""

import json
from decimal import Decimal
from typing import overload

import peewee

CENT = Decimal("0.01")


@overload
def to_centimes(amount: Decimal | str | int) -> int: ...
@overload
def to_centimes(amount: None) -> None: ...
def to_centimes(amount: Decimal | str | int | None) -> int | None:
    """Decimal amount -> integer centimes, the one conversion every writer of money uses."""
    return None if amount is None else int((Decimal(amount) * 100).to_integral_exact())


@overload
def from_centimes(value: int) -> Decimal: ...
@overload
def from_centimes(value: None) -> None: ...
def from_centimes(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(int(value)) / 100).quantize(CENT)


class MoneyField(peewee.BigIntegerField):
    """A Decimal amount stored as integer centimes: exact in SQLite, summable in SQL."""

    def db_value(self, value):
        return to_centimes(value)

    def python_value(self, value):
        return from_centimes(value)


class JSONTextField(peewee.TextField):
    """JSON kept as text; plain values only."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BoolField(peewee.IntegerField):
    def db_value(self, value):
        return None if value is None else int(bool(value))

    def python_value(self, value):
        return None if value is None else bool(value)
