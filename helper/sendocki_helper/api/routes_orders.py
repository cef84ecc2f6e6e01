"""Order creation (idempotent) and history."""

from aiohttp import web

from sendocki_helper.api.body import answer, parse_body, parse_query
from sendocki_helper.api.endpoints import endpoint
from sendocki_helper.api.keys import PAIRING_ID, STORE, SYNC
from sendocki_helper.schemas.orders import OrderList, OrderOut, OrderRequest, OrdersQuery
from sendocki_helper.services import idempotency, order_history, orders

KEY_HEADER = "Idempotency-Key"


@endpoint(
    "POST",
    "/v1/orders",
    "Create an order (customer card, lines, conversation link, outbox)",
    body=OrderRequest,
    response=OrderOut,
    status=201,
    headers={
        KEY_HEADER: "Minted once per order draft and reused on every retry; "
        "same key and body replay the first answer, another body is refused (422)"
    },
)
async def create_order(request: web.Request) -> web.Response:
    key = idempotency.check_key(request.headers.get(KEY_HEADER))
    body = await parse_body(request, OrderRequest)
    created = await request.app[STORE].run(orders.create_order, request[PAIRING_ID], key, body)
    if not created.replayed:
        request.app[SYNC].order_saved()  # committed: its outbox row can go now
    headers = {"Idempotent-Replayed": "true"} if created.replayed else None
    return answer(OrderOut, created.answer, status=created.status, headers=headers)


@endpoint(
    "GET",
    "/v1/orders",
    "A conversation's or a customer's orders, newest first",
    query=OrdersQuery,
    response=OrderList,
)
async def list_orders(request: web.Request) -> web.Response:
    query = parse_query(request, OrdersQuery)
    result = await request.app[STORE].run(
        order_history.list_orders,
        query.conversation,
        query.customer,
        query.limit,
        query.cursor,
        query.title_key,
    )
    return answer(OrderList, result)


@endpoint("GET", "/v1/orders/{order_id}", "One order", response=OrderOut)
async def get_order(request: web.Request) -> web.Response:
    result = await request.app[STORE].run(order_history.get_order, request.match_info["order_id"])
    return answer(OrderOut, result)
