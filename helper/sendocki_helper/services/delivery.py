"""Delivery fee by city: the workspace's table of cities and fees, a default fee for the other
cities, and an optional amount above which delivery is free (docs/delivery.md).

The table is keyed by the shipped city key (services/cities.py), so 'Casa', 'Casablanca' and
'الدار البيضاء' are one row; a city the shipped table does not know is keyed by its folded name.
An order's delivery line is priced here, like a catalog line from the catalog: the request may
only set the applied fee.
"""

from dataclasses import dataclass
from decimal import Decimal

from sendocki_helper.services import cities, settings
from sendocki_helper.store.fields import CENT, from_centimes, to_centimes
from sendocki_helper.store.models import database_proxy

DEFAULT_FEE_KEY = "delivery.default_fee"
FREE_ABOVE_KEY = "delivery.free_above"
SOURCE_KEY = "delivery.source"  # file | account
UNKNOWN_PREFIX = "~"  # city keys of names the shipped table does not know
MAX_CITIES = 2000


@dataclass
class FeeRow:
    city_key: str
    city: str
    fee: Decimal


@dataclass
class DeliverySettings:
    fees: list[FeeRow]
    default_fee: Decimal | None
    free_above: Decimal | None
    source: str | None


@dataclass
class Quote:
    city_key: str | None
    city: str | None  # the table's name for the city, else what was typed
    fee: Decimal  # the table's fee for the city, else the default fee
    due: Decimal  # fee, or 0 when the products reach the free-above amount
    free_above: Decimal | None
    rule: str  # city | default | free

    def as_json(self) -> dict:
        known = cities.by_key(self.city_key) if self.city_key else None
        return {
            "city_key": self.city_key,
            "city": self.city,
            "city_names": dict(known.names) if known else None,
            "fee": self.fee,
            "due": self.due,
            "free_above": self.free_above,
            "rule": self.rule,
        }


def city_key(name: str) -> tuple[str, str]:
    """(key, display name) of a city as a seller writes it."""
    known = cities.match(name)
    if known is not None:
        return known.key, known.names["fr"]
    return UNKNOWN_PREFIX + cities.folded(name), " ".join(name.split())


def _decimal_setting(key: str) -> Decimal | None:
    value = settings.get(key)
    return Decimal(value) if value not in (None, "") else None


def load() -> DeliverySettings:
    fees = [
        FeeRow(key, city, from_centimes(fee))
        for key, city, fee in database_proxy.execute_sql(
            "SELECT city_key, city, fee FROM delivery_fees ORDER BY city"
        )
    ]
    return DeliverySettings(
        fees,
        _decimal_setting(DEFAULT_FEE_KEY),
        _decimal_setting(FREE_ABOVE_KEY),
        settings.get(SOURCE_KEY),
    )


def replace(
    fees: list[FeeRow], default_fee: Decimal | None, free_above: Decimal | None, source: str
) -> None:
    """The whole setting at once (a fee file or the account's table is the table)."""
    with database_proxy.atomic():
        database_proxy.execute_sql("DELETE FROM delivery_fees")
        database_proxy.connection().executemany(
            "INSERT OR REPLACE INTO delivery_fees (city_key, city, fee) VALUES (?, ?, ?)",
            [(row.city_key, row.city, to_centimes(row.fee)) for row in fees],
        )
        for key, value in ((DEFAULT_FEE_KEY, default_fee), (FREE_ABOVE_KEY, free_above)):
            if value is None:
                settings.delete(key)
            else:
                settings.put(key, str(value.quantize(CENT)))
        settings.put(SOURCE_KEY, source)


def apply_account(
    fees: list[tuple[str, Decimal]], default_fee: Decimal | None, free_above: Decimal | None
) -> bool:
    """The account's table (`fees`: (city, fee) pairs) replaces the local setting when it has
    one; an account without a table leaves a file's table alone. True when it was applied."""
    if not fees and default_fee is None:
        return False
    rows: dict[str, FeeRow] = {}
    for name, fee in fees:
        key, shown = city_key(name)
        rows.setdefault(key, FeeRow(key, shown, fee))  # two spellings of one city: the first
    delivery_now = load()
    wanted = sorted((r.city_key, r.fee) for r in rows.values())
    if (
        delivery_now.source == "account"
        and sorted((r.city_key, r.fee) for r in delivery_now.fees) == wanted
        and (delivery_now.default_fee, delivery_now.free_above) == (default_fee, free_above)
    ):
        return False  # unchanged: no write on every incremental pull
    replace(list(rows.values()), default_fee, free_above, "account")
    return True


def quote(city: str | None, products_total: Decimal | None = None) -> Quote | None:
    """The delivery fee for a city (None: no fee applies, nothing configured for it)."""
    setting = load_for(city)
    if setting is None:
        return None
    key, name, fee, rule, free_above = setting
    due = fee
    if free_above is not None and products_total is not None and products_total >= free_above:
        due, rule = Decimal("0.00"), "free"
    return Quote(key, name, fee, due, free_above, rule)


def load_for(
    city: str | None,
) -> tuple[str | None, str | None, Decimal, str, Decimal | None] | None:
    """(key, name, fee, rule, free_above) for one city, reading only what it needs."""
    free_above = _decimal_setting(FREE_ABOVE_KEY)
    key, name = city_key(city) if city and city.strip() else (None, None)
    if key is not None:
        row = database_proxy.execute_sql(
            "SELECT city, fee FROM delivery_fees WHERE city_key = ?", (key,)
        ).fetchone()
        if row is not None:
            return key, row[0], from_centimes(row[1]), "city", free_above
    default_fee = _decimal_setting(DEFAULT_FEE_KEY)
    if default_fee is None:
        return None
    return key, name, default_fee, "default", free_above
