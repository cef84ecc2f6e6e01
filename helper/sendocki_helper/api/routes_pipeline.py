"""The pipeline view (orders by stage, counts and totals, filters, pages), moving an order,
and its stage history."""

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, AnswerJson, Reply, endpoint, route_identity
from sendocki_helper.api.keys import PAIRING_ID, STORE, SYNC
from sendocki_helper.api.routes_orders import KEY_HEADER
from sendocki_helper.schemas.orders import StageHistory, StageMoveOut, StageMoveRequest
from sendocki_helper.schemas.pipeline import PipelinePage, PipelineQuery
from sendocki_helper.services import idempotency, order_history, order_moves, pipeline


@endpoint(
    "GET",
    "/v1/pipeline",
    "Orders by stage (newest first), with each stage's count and total on the first page",
)
async def get_pipeline(request: web.Request, query: PipelineQuery) -> Answer[PipelinePage]:
    return await request.app[STORE].run(
        pipeline.page,
        request[PAIRING_ID],
        query.stage,
        query.mine,
        query.since,
        query.q,
        query.limit,
        query.cursor,
    )


@endpoint(
    "GET",
    "/v1/orders/{order_id}/stage-history",
    "Every stage the order entered: from, to, when, by which browser or agent",
)
async def get_stage_history(request: web.Request, order_id: str) -> Answer[StageHistory]:
    return await request.app[STORE].run(order_history.stage_history, order_id)


@endpoint(
    "POST",
    "/v1/orders/{order_id}/stage",
    "Move an order to another stage: stage history, outbox to Sendocki, the stage's message",
    headers={
        KEY_HEADER: "Minted once per move and reused on every retry; "
        "same key and body replay the first answer, another body is refused (422)"
    },
)
async def move_order(
    request: web.Request, order_id: str, body: StageMoveRequest
) -> Reply[StageMoveOut]:
    key = idempotency.check_key(request.headers.get(KEY_HEADER))
    method, path = route_identity(request)
    keyed = idempotency.KeyedRequest(request[PAIRING_ID], key, method, path)
    moved = await request.app[STORE].run(order_moves.move_order, keyed, order_id, body)
    if not moved.replayed:
        request.app[SYNC].order_saved()  # committed: its outbox row can go now
    headers = {"Idempotent-Replayed": "true"} if moved.replayed else None
    return Reply(AnswerJson(moved.answer_json), status=moved.status, headers=headers)
