"""GET /v1/catalog/products/{id}/thumbnail over a real socket, photos from a real server; search
only says whether there is a photo (the fetch is off the search path)."""

import io

import pytest
from PIL import Image

from sendocki_helper.store.models import Product
from tests.images.photo_server import photo_app
from tests.support import start_helper


@pytest.fixture
async def helper(aiohttp_server, tmp_path):
    """The photos below are served from this computer: the helper is told it may fetch there."""
    under_test = await start_helper(
        aiohttp_server, tmp_path / "data", photos_from_local_network=True
    )
    yield under_test
    await under_test.session.close()


@pytest.fixture
async def photos(aiohttp_server):
    hits: dict = {}
    server = await aiohttp_server(photo_app(hits))
    server.hits = hits
    return server


def set_photo(helper, sku: str, url: str | None):
    def update():
        Product.update(image_url=url).where(Product.sku == sku).execute()
        return Product.get(Product.sku == sku).id

    return helper.store.run(update)


async def search(helper, q):
    async with await helper.get("/v1/catalog/search", params={"q": q}) as response:
        return (await response.json())["results"]


async def test_search_says_which_products_have_a_photo_and_the_thumbnail_is_served(helper, photos):
    product_id = await set_photo(helper, "SAC-CUIR", str(photos.make_url("/photo.jpg")))
    results = await search(helper, "sac cuir")
    flags = {result["sku"]: result["thumbnail"] for result in results}
    assert flags["SAC-CUIR"] is True
    assert photos.hits == {}  # searching fetched nothing
    async with await helper.get(f"/v1/catalog/products/{product_id}/thumbnail") as response:
        assert response.status == 200
        assert response.content_type == "image/webp"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        image = Image.open(io.BytesIO(await response.read()))
        assert image.format == "WEBP" and max(image.size) == 128
    # Cached: the photo server is not asked again, even when it is gone.
    await photos.close()
    async with await helper.get(f"/v1/catalog/products/{product_id}/thumbnail") as response:
        assert response.status == 200
    assert photos.hits == {"/photo.jpg": 1}


async def test_no_photo_or_a_broken_one_is_a_404_the_dialog_shows_as_a_placeholder(helper, photos):
    no_photo = await set_photo(helper, "SAC-CUIR", None)
    broken = await set_photo(helper, "TSH-BLANC", str(photos.make_url("/page.html")))
    for product_id, detail in ((no_photo, None), (broken, "not an image (text/html)")):
        async with await helper.get(f"/v1/catalog/products/{product_id}/thumbnail") as response:
            problem = await response.json(content_type=None)
            assert (response.status, problem["code"]) == (404, "no_thumbnail")
            assert problem.get("detail") == detail
    async with await helper.get("/v1/catalog/products/p_unknown/thumbnail") as response:
        assert response.status == 404


async def test_the_thumbnail_needs_the_token(helper):
    product_id = await set_photo(helper, "SAC-CUIR", None)
    async with helper.session.get(
        f"{helper.base_url}/v1/catalog/products/{product_id}/thumbnail"
    ) as response:
        assert response.status == 401
