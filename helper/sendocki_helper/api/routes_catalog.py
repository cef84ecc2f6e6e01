"""Catalog search for the order dialog's product picker."""

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, endpoint
from sendocki_helper.api.keys import STORE
from sendocki_helper.schemas.catalog import CatalogSearchAnswer, CatalogSearchQuery
from sendocki_helper.services import catalog_search


@endpoint("GET", "/v1/catalog/search", "Products and variants by name, attribute or SKU")
async def search_catalog(
    request: web.Request, query: CatalogSearchQuery
) -> Answer[CatalogSearchAnswer]:
    return await request.app[STORE].run(catalog_search.search, query.q, query.limit)
