"""The pipeline view (orders by stage, counts and totals, filters, pages), moving an order,
and its stage history."""

from aiohttp import web

from sendocki_helper.api.body import answer, parse_body, parse_query
from sendocki_helper.api.endpoints import endpoint
from sendocki_helper.api.keys import PAIRING_ID, STORE, SYNC
from sendocki_helper.api.routes_orders import KEY_HEADER
from sendocki_helper.schemas.orders import StageHistory, StageMoveOut, StageMoveRequest
from sendocki_helper.schemas.pipeline import PipelinePage, PipelineQuery
from sendocki_helper.services import idempotency, order_history, order_moves, pipeline


@endpoint(
    "GET",
    "/v1/pipeline",
    "Orders by stage (newest first), with each stage's count and total on the first page",
    query=PipelineQuery,
    response=PipelinePage,
)
async def get_pipeline(request: web.Request) -> web.Response:
    query = parse_query(request, PipelineQuery)
    result = await request.app[STORE].run(
        pipeline.page,
        request[PAIRING_ID],
        query.stage,
        query.mine,
        query.since,
        query.q,
        query.limit,
        query.cursor,
    )
    return answer(PipelinePage, result)


@endpoint(
    "GET",
    "/v1/orders/{order_id}/stage-history",
    "Every stage the order entered: from, to, when, by which browser or agent",
    response=StageHistory,
)
async def get_stage_history(request: web.Request) -> web.Response:
    result = await request.app[STORE].run(
        order_history.stage_history, request.match_info["order_id"]
    )
    return answer(StageHistory, result)


@endpoint(
    "POST",
    "/v1/orders/{order_id}/stage",
    "Move an order to another stage: stage history, outbox to Sendocki, the stage's message",
    body=StageMoveRequest,
    response=StageMoveOut,
    headers={
        KEY_HEADER: "Minted once per move and reused on every retry; "
        "same key and body replay the first answer, another body is refused (422)"
    },
)
async def move_order(request: web.Request) -> web.Response:
    key = idempotency.check_key(request.headers.get(KEY_HEADER))
    body = await parse_body(request, StageMoveRequest)
    moved = await request.app[STORE].run(
        order_moves.move_order, request[PAIRING_ID], key, request.match_info["order_id"], body
    )
    if moved.answer.get("moved") and not moved.replayed:
        request.app[SYNC].order_saved()  # committed: its outbox row can go now
    headers = {"Idempotent-Replayed": "true"} if moved.replayed else None
    return answer(StageMoveOut, moved.answer, headers=headers)
