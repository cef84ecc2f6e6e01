"""The sandbox's aiohttp application: the contract's routes under /v1/, admin under /_sandbox/."""

import hmac
import json
import logging
import sqlite3

from aiohttp import web

from sendocki_sandbox import admin, orders, pipeline
from sendocki_sandbox.db import FEED_TABLES, get_meta
from sendocki_sandbox.faults import ConnectionCut, Faults
from sendocki_sandbox.faults import middleware as fault_middleware
from sendocki_sandbox.feeds import MAX_LIMIT, BadCursor, read_page
from sendocki_sandbox.problems import Problem

log = logging.getLogger("sendocki_sandbox")

CONN = web.AppKey("conn", sqlite3.Connection)
FAULTS = web.AppKey("faults", Faults)
# Each route is declared on its handler, below.
routes = web.RouteTableDef()


@web.middleware
async def problems(request: web.Request, handler):
    try:
        return await handler(request)
    except Problem as problem:
        return problem.response()
    except ConnectionCut:
        raise
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return Problem(
            error.status, "not_found" if error.status == 404 else "invalid_request", error.reason
        ).response()
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return Problem(500, "internal_error", "Internal error").response()


@web.middleware
async def api_key_auth(request: web.Request, handler):
    if not request.path.startswith("/v1/"):
        return await handler(request)
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    expected = get_meta(request.app[CONN], "api_key") or ""
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        key.strip().encode(), expected.encode()
    ):
        raise Problem(
            401,
            "invalid_api_key",
            "The API key is missing or wrong",
            headers={"WWW-Authenticate": 'Bearer realm="sendocki"'},
        )
    return await handler(request)


async def json_body(request: web.Request):
    try:
        return json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "invalid_request", "The body is not valid JSON") from None


def answer(data, status: int = 200, headers=None) -> web.Response:
    return web.Response(
        status=status,
        text=json.dumps(data, ensure_ascii=False),
        content_type="application/json",
        headers=headers,
    )


@routes.get("/v1/account")
async def get_account(request: web.Request):
    conn = request.app[CONN]
    return answer(
        {
            "workspace": {
                key: get_meta(conn, meta)
                for key, meta in (
                    ("id", "workspace_id"),
                    ("name", "workspace_name"),
                    ("currency", "currency"),
                    ("default_region", "default_region"),
                )
            },
            "api_version": "1",
        }
    )


@routes.get("/v1/delivery-fees")
async def get_delivery_fees(request: web.Request):
    """The shop's delivery fee by city (this contract's extension, docs/sendocki-api.md)."""
    stored = get_meta(request.app[CONN], "delivery_fees")
    return answer(
        json.loads(stored) if stored else {"fees": [], "default_fee": None, "free_above": None}
    )


@routes.get("/v1/sync/{feed}")
async def get_feed(request: web.Request):
    feed = request.match_info["feed"]
    if feed not in FEED_TABLES:
        raise Problem(404, "not_found", f"No feed named {feed}")
    try:
        limit = int(request.query.get("limit", "500"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise Problem(
            400,
            "invalid_request",
            f"limit must be between 1 and {MAX_LIMIT}",
            errors=[{"field": "limit", "message": f"must be between 1 and {MAX_LIMIT}"}],
        )
    try:
        page = read_page(
            request.app[CONN],
            feed,
            request.query.get("cursor"),
            limit,
            request.query.get("count") == "true",
        )
    except BadCursor as error:
        raise Problem(
            400, "invalid_cursor", str(error), errors=[{"field": "cursor", "message": str(error)}]
        ) from None
    return answer(page)


@routes.post("/v1/orders")
async def post_order(request: web.Request):
    body = await json_body(request)
    status, data, replayed = orders.create_order(
        request.app[CONN],
        request.headers.get("Idempotency-Key"),
        body,
        unique_references=request.app[FAULTS].unique_references,
    )
    return answer(data, status, {"Idempotent-Replayed": "true"} if replayed else None)


@routes.get("/v1/orders")
async def get_orders(request: web.Request):
    reference = request.query.get("client_reference")
    if not reference:
        raise Problem(
            400,
            "invalid_request",
            "client_reference is required",
            errors=[{"field": "client_reference", "message": "is required"}],
        )
    return answer({"orders": orders.find_by_client_reference(request.app[CONN], reference)})


@routes.get("/v1/orders/{id}")
async def get_order(request: web.Request):
    return answer(pipeline.load_order(request.app[CONN], request.match_info["id"]))


@routes.post("/v1/orders/{id}/stage")
async def post_order_stage(request: web.Request):
    body = await json_body(request)
    status, data, replayed = pipeline.move_order(
        request.app[CONN],
        request.match_info["id"],
        request.headers.get("Idempotency-Key"),
        body,
        unique_references=request.app[FAULTS].unique_references,
    )
    return answer(data, status, {"Idempotent-Replayed": "true"} if replayed else None)


def create_app(conn: sqlite3.Connection, faults: Faults) -> web.Application:
    app = web.Application(
        middlewares=[problems, fault_middleware(faults), api_key_auth], client_max_size=1024 * 1024
    )
    app[CONN] = conn
    app[FAULTS] = faults
    app.add_routes(routes)
    admin.add_routes(app, CONN, FAULTS)
    return app
