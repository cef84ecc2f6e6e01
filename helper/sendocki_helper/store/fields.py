"""Column types shared by the models."""

import json
from decimal import Decimal

import peewee

CENT = Decimal("0.01")


class MoneyField(peewee.BigIntegerField):
    """A Decimal amount stored as integer centimes: exact in SQLite, summable in SQL."""

    def db_value(self, value):
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_exact())

    def python_value(self, value):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


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
