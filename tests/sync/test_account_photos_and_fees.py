"""From the account: product photos in the catalog feed, and the shop's delivery fee by city
(GET /v1/delivery-fees), pulled from the sandbox into a demo store."""

from decimal import Decimal

from aiohttp import web

from sendocki_helper.services import delivery
from sendocki_helper.store.models import Product
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all

FEES = {
    "fees": [
        {"city": "Casablanca", "fee": "20.00"},
        {"city": "الرباط", "fee": "30.00"},
        {"city": "Tamesna", "fee": "40.00"},
    ],
    "default_fee": "35.00",
    "free_above": "600.00",
}
NONE = {"fees": [], "default_fee": None, "free_above": None}


async def test_photos_and_delivery_fees_come_with_a_pull(sandbox, store):
    photo = "https://cdn.shop.example/the-vert.jpg"
    sandbox.admin("PATCH", "/_sandbox/products/THE-VERT", {"images": ["ftp://no", photo]})
    sandbox.admin("PUT", "/_sandbox/delivery-fees", FEES)
    try:
        async with SendockiClient(sandbox.url, "sk_sandbox_test") as client:
            await pull_all(store, client)
            image = await store.run(lambda: Product.get(Product.sku == "THE-VERT").image_url)
            assert image == photo  # the first http(s) address
            setting = await store.run(delivery.load)
            assert setting.source == "account"
            assert [(row.city_key, row.city, row.fee) for row in setting.fees] == [
                ("casablanca", "Casablanca", Decimal("20.00")),
                ("rabat", "Rabat", Decimal("30.00")),
                ("~tamesna", "Tamesna", Decimal("40.00")),
            ]
            assert (setting.default_fee, setting.free_above) == (
                Decimal("35.00"),
                Decimal("600.00"),
            )
            quote = await store.run(delivery.quote, "Casa", Decimal("100.00"))
            assert (quote.city, quote.due) == ("Casablanca", Decimal("20.00"))

            # An account without a table leaves the local one alone.
            sandbox.admin("PUT", "/_sandbox/delivery-fees", NONE)
            sandbox.admin("PATCH", "/_sandbox/products/THE-VERT", {"images": []})
            await pull_all(store, client)
            assert len((await store.run(delivery.load)).fees) == 3
            image = await store.run(lambda: Product.get(Product.sku == "THE-VERT").image_url)
            assert image is None
    finally:
        sandbox.admin("PUT", "/_sandbox/delivery-fees", NONE)
        sandbox.admin("PATCH", "/_sandbox/products/THE-VERT", {"images": []})


async def test_an_api_without_delivery_fees_is_not_an_error(aiohttp_server):
    async def not_found(request):
        return web.json_response({"title": "Not found", "code": "not_found"}, status=404)

    app = web.Application()
    app.router.add_get("/v1/delivery-fees", not_found)
    server = await aiohttp_server(app)
    async with SendockiClient(str(server.make_url("")).rstrip("/"), "sk_test") as client:
        assert await client.delivery_fees() is None
