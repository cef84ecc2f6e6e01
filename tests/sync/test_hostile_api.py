"""The sync client does not trust the API: no redirects, bounded answers, no negative or absurd
money, one bad entry skipped and named (not the whole pull), pages no larger than asked, short
stored errors."""

import json

from aiohttp import web

from sendocki_helper.services import connection, status
from sendocki_helper.services.errors import MAX_STORED_ERROR
from sendocki_helper.store.models import OutboxItem, Product
from sendocki_helper.sync.client import MAX_ANSWER_BYTES, AnswerTooLarge, SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.hostile_api import HostileApi, page, product
from tests.sync.support import connect, dispatcher_for, drain_until_settled, make_orders


async def serve(aiohttp_server, api: HostileApi):
    return await aiohttp_server(api.app(), host="127.0.0.1")


async def test_a_redirect_on_an_order_is_never_followed_and_needs_attention(
    aiohttp_server, store, tmp_path
):
    elsewhere = HostileApi()

    async def accept_anything(request):
        return web.json_response({"id": "o_x", "number": "X-1"}, status=201)

    elsewhere.order_answer = accept_anything
    other = await serve(aiohttp_server, elsewhere)

    async def redirect(request):
        raise web.HTTPTemporaryRedirect(f"http://127.0.0.1:{other.port}/v1/orders")

    hostile = HostileApi(order_answer=redirect)
    server = await serve(aiohttp_server, hostile)
    url = f"http://127.0.0.1:{server.port}"
    await connect(store, tmp_path / "data", url)
    (order_id,) = await make_orders(store, 1)
    async with SendockiClient(url, "sk_test") as client:
        await drain_until_settled(dispatcher_for(store, client), store)
    assert elsewhere.seen == [], "the customer's data went to the other address"
    row = await store.run(lambda: OutboxItem.get(OutboxItem.aggregate_id == order_id))
    assert row.status == "needs_attention" and row.last_status == 307
    assert "redirect" in row.last_error


async def test_an_endless_answer_is_cut_off_and_reported(aiohttp_server, store, tmp_path):
    hostile = HostileApi()
    hostile.feeds["stages"] = hostile.endless
    server = await serve(aiohttp_server, hostile)
    url = f"http://127.0.0.1:{server.port}"
    async with SendockiClient(url, "sk_test") as client:
        try:
            await pull_all(store, client)
        except AnswerTooLarge as error:
            message = error.message
        else:
            raise AssertionError("a 1 GiB answer was accepted")
    assert "more than 32 MB" in message
    # The client stopped reading: the server could not write the whole GiB.
    assert hostile.streamed[0] < 1024 * 1024 * 1024
    assert MAX_ANSWER_BYTES <= 32 * 1024 * 1024


async def test_bad_entries_are_skipped_and_named_while_the_rest_is_stored(
    aiohttp_server, store, tmp_path
):
    hostile = HostileApi()
    hostile.feeds["catalog"] = page(
        product("p_good", "GOOD-1", "149.00"),
        product("p_negative", "NEG-1", "-99.00"),
        product("p_huge", "HUGE-1", "99999999999999999999.00"),
        product("p_lots", "LOTS-1", "10.00", available="lots"),
    )
    server = await serve(aiohttp_server, hostile)
    url = f"http://127.0.0.1:{server.port}"
    await connect(store, tmp_path / "data", url)
    async with SendockiClient(url, "sk_test") as client:
        counts = await pull_all(store, client)
    assert counts["catalog"] == 1
    skus = await store.run(lambda: {p.sku: str(p.price) for p in Product.select()})
    assert skus.get("GOOD-1") == "149.00"
    assert not {"NEG-1", "HUGE-1", "LOTS-1"} & set(skus)
    sync = await store.run(connection.describe)
    assert sync["last_pull_at"] is not None
    assert "pull skipped 3 malformed entries" in sync["last_error"]
    for remote_id in ("p_negative", "p_huge", "p_lots"):
        assert remote_id in sync["last_error"]


async def test_a_page_larger_than_asked_is_refused_before_anything_is_written(
    aiohttp_server, store, tmp_path
):
    hostile = HostileApi()
    hostile.feeds["catalog"] = page(*(product(f"p_{i}", f"BULK-{i}", "10.00") for i in range(501)))
    server = await serve(aiohttp_server, hostile)
    async with SendockiClient(f"http://127.0.0.1:{server.port}", "sk_test") as client:
        try:
            await pull_all(store, client)
        except ValueError as error:
            message = str(error)
        else:
            raise AssertionError("a page of 501 entries was taken when 500 were asked")
    assert "501 entries when at most 500 were asked" in message
    assert not await store.run(lambda: Product.select().where(Product.sku == "BULK-0").exists())


async def test_a_megabyte_error_title_is_stored_short(aiohttp_server, store, tmp_path):
    async def refuse(request):
        title = "x" * (5 * 1024 * 1024)
        return web.json_response({"code": "invalid", "title": title}, status=422)

    server = await serve(aiohttp_server, HostileApi(order_answer=refuse))
    url = f"http://127.0.0.1:{server.port}"
    await connect(store, tmp_path / "data", url)
    (order_id,) = await make_orders(store, 1)
    async with SendockiClient(url, "sk_test") as client:
        await drain_until_settled(dispatcher_for(store, client), store)
    row = await store.run(lambda: OutboxItem.get(OutboxItem.aggregate_id == order_id))
    assert row.status == "needs_attention"
    assert len(row.last_error) <= MAX_STORED_ERROR
    assert len(json.dumps(await store.run(status.describe))) < 10_000


async def test_a_negative_catalog_price_left_by_an_older_version_is_never_charged(store):
    from decimal import Decimal

    import pytest

    from sendocki_helper.services.errors import ServiceError
    from sendocki_helper.store.models import Variant

    def corrupt():
        variant = Variant.get(Variant.sku == "SAC-CUIR-NOIR")  # the line every test order has
        Product.update(price=Decimal("-99.00")).where(Product.id == variant.product_id).execute()
        Variant.update(price=None).where(Variant.id == variant.id).execute()

    await store.run(corrupt)
    with pytest.raises(ServiceError) as refused:
        await make_orders(store, 1)
    assert refused.value.status == 422
    (error,) = [e for e in refused.value.errors if e.code == "catalog_price_negative"]
    assert error.field == "lines[0].sku"
