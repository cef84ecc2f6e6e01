"""Order creation (idempotent) and history."""

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, AnswerJson, Reply, endpoint, route_identity
from sendocki_helper.api.keys import PAIRING_ID, STORE, SYNC
from sendocki_helper.schemas.orders import OrderList, OrderOut, OrderRequest, OrdersQuery
from sendocki_helper.services import idempotency, order_history, orders

KEY_HEADER = "Idempotency-Key"


@endpoint(
    "POST",
    "/v1/orders",
    "Create an order (customer card, lines, conversation link, outbox)",
    status=201,
    headers={
        KEY_HEADER: "Minted once per order draft and reused on every retry; "
        "same key and body replay the first answer, another body is refused (422)"
    },
)
async def create_order(request: web.Request, body: OrderRequest) -> Reply[OrderOut]:
    key = idempotency.check_key(request.headers.get(KEY_HEADER))
    method, path = route_identity(request)
    keyed = idempotency.KeyedRequest(request[PAIRING_ID], key, method, path)
    created = await request.app[STORE].run(orders.create_order, keyed, body)
    if not created.replayed:
        request.app[SYNC].order_saved()  # committed: its outbox row can go now
    headers = {"Idempotent-Replayed": "true"} if created.replayed else None
    return Reply(AnswerJson(created.answer_json), status=created.status, headers=headers)


@endpoint("GET", "/v1/orders", "A conversation's or a customer's orders, newest first")
async def list_orders(request: web.Request, query: OrdersQuery) -> Answer[OrderList]:
    return await request.app[STORE].run(
        order_history.list_orders,
        query.conversation,
        query.customer,
        query.limit,
        query.cursor,
        query.title_key,
    )


@endpoint("GET", "/v1/orders/{order_id}", "One order")
async def get_order(request: web.Request, order_id: str) -> Answer[OrderOut]:
    return await request.app[STORE].run(order_history.get_order, order_id)
