"""Delivery fee by city, and Moroccan city names, for the order dialog (and any text to read)."""

from dataclasses import asdict

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, endpoint
from sendocki_helper.api.keys import STORE
from sendocki_helper.schemas.delivery import (
    CityMatch,
    CityMatchQuery,
    DeliveryQuote,
    DeliveryQuoteQuery,
    DeliverySettingOut,
)
from sendocki_helper.services import cities, delivery

NO_FEE = {
    "city_key": None,
    "city": None,
    "city_names": None,
    "fee": None,
    "due": None,
    "free_above": None,
    "rule": None,
}


@endpoint(
    "GET",
    "/v1/cities/match",
    "The Moroccan city a City field or an address names, across spellings",
)
async def match_city(request: web.Request, query: CityMatchQuery) -> Answer[CityMatch]:
    city = cities.match(query.text)  # no database: the table ships with the helper
    if city is not None:
        return {"city": city.as_json(), "found": query.text.strip()}
    found = cities.find_in_text(query.text)
    if found is None:
        return {"city": None, "found": None}
    return {"city": found[0].as_json(), "found": found[1]}


@endpoint(
    "GET",
    "/v1/delivery/quote",
    "The delivery fee for a city (and whether the products' total makes it free)",
)
async def quote_delivery(request: web.Request, query: DeliveryQuoteQuery) -> Answer[DeliveryQuote]:
    quote = await request.app[STORE].run(delivery.quote, query.city, query.products_total)
    return quote.as_json() if quote else NO_FEE


@endpoint(
    "GET", "/v1/delivery", "The workspace's delivery fees: by city, default, free-above amount"
)
async def delivery_setting(request: web.Request) -> Answer[DeliverySettingOut]:
    return asdict(await request.app[STORE].run(delivery.load))
