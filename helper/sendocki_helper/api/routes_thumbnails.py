"""A product's thumbnail, for the order dialog (through the extension's worker, never the page)."""

from aiohttp import web

from sendocki_helper.api.endpoints import endpoint
from sendocki_helper.api.keys import STORE, THUMBNAILS
from sendocki_helper.images.service import NoThumbnail
from sendocki_helper.services.errors import ServiceError
from sendocki_helper.store.models import database_proxy

MAX_ID_CHARS = 64


def _photo_url(product_id: str) -> str | None:
    row = database_proxy.execute_sql(
        "SELECT image_url FROM products WHERE id = ?", (product_id,)
    ).fetchone()
    return row[0] if row else None


@endpoint(
    "GET",
    "/v1/catalog/products/{product_id}/thumbnail",
    "The product's photo as a small WebP (128 px); 404 no_thumbnail: show a placeholder",
)
async def product_thumbnail(request: web.Request, product_id: str) -> web.StreamResponse:
    url = await request.app[STORE].run(_photo_url, product_id[:MAX_ID_CHARS])
    if not url:
        raise ServiceError(404, "no_thumbnail", "This product has no photo")
    try:
        data = await request.app[THUMBNAILS].for_url(url)
    except NoThumbnail as error:
        raise ServiceError(
            404, "no_thumbnail", "The product's photo cannot be shown", str(error)
        ) from None
    return web.Response(
        body=data,
        content_type="image/webp",
        headers={"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
