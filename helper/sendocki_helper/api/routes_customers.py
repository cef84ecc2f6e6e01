"""Customer resolution for the order dialog and the customer panel."""

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, endpoint
from sendocki_helper.api.keys import STORE
from sendocki_helper.schemas.customers import ResolveAnswer, ResolveQuery
from sendocki_helper.services import customers


@endpoint(
    "GET",
    "/v1/customers/resolve",
    "The card(s) for a phone in any format or a known conversation",
)
async def resolve_customer(request: web.Request, query: ResolveQuery) -> Answer[ResolveAnswer]:
    return await request.app[STORE].run(
        customers.resolve, query.phone, query.conversation, query.title_key
    )
