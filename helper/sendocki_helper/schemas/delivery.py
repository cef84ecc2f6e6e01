"""Delivery fee by city and Moroccan city names: query and answer models."""

from pydantic import Field

from sendocki_helper.schemas.common import Money, Open, Strict
from sendocki_helper.schemas.orders import Price


class CityMatchQuery(Strict):
    text: str = Field(
        default="",
        max_length=500,
        description="A City field's value, or a longer text (an address) that names a city",
    )


class CityNames(Open):
    fr: str
    en: str
    ar: str


class CityOut(Open):
    key: str
    name: str = Field(description="The French name, as Sendocki shows cities")
    names: CityNames


class CityMatch(Open):
    city: CityOut | None = Field(description="null: no Moroccan city in the text")
    found: str | None = Field(description="The words of the text that named the city")


class DeliveryQuoteQuery(Strict):
    city: str = Field(default="", max_length=120)
    products_total: Price | None = Field(
        default=None, description="The products' total, for the free-above rule"
    )


class DeliveryQuote(Open):
    city_key: str | None
    city: str | None
    city_names: CityNames | None = Field(description="fr, en, ar names of a city the table knows")
    fee: Money | None = Field(description="The table's fee for the city, else the default fee")
    due: Money | None = Field(description="What the delivery line costs (0 when free)")
    free_above: Money | None
    rule: str | None = Field(description="city | default | free; null: no fee applies")


class DeliveryFeeOut(Open):
    city_key: str
    city: str
    fee: Money


class DeliverySettingOut(Open):
    fees: list[DeliveryFeeOut]
    default_fee: Money | None
    free_above: Money | None
    source: str | None = Field(description="file | account; null when never set")
