"""Request guards, outermost first (docs/security.md, "Who may call the helper"):

host allowlist (421) -> web Origins refused (403) -> errors as problem+json -> bearer token (401)
-> rate limit per pairing (429). Body checks (415, 413) happen where the body is read
(api/endpoints.py).
"""

import logging

from aiohttp import web

from sendocki_helper.api.endpoints import route_identity
from sendocki_helper.api.keys import PAIRING_ID, PUBLIC_ROUTES, RATE_LIMITER, STORE
from sendocki_helper.api.problems import problem_response
from sendocki_helper.services import pairing
from sendocki_helper.services.errors import ServiceError

log = logging.getLogger("sendocki_helper.api")

HYGIENE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
WEB_ORIGIN_PREFIXES = ("http:", "https:")


@web.middleware
async def problems(request: web.Request, handler):
    try:
        response = await handler(request)
    except ServiceError as error:
        response = problem_response(error)
    except web.HTTPRequestEntityTooLarge:
        response = problem_response(
            ServiceError(413, "payload_too_large", "Request body is too large")
        )
    except web.HTTPException as error:
        if error.status < 400:
            raise
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status, "http_error")
        response = problem_response(ServiceError(error.status, code, error.reason))
    except Exception:
        # Never a stack trace on the wire; the log has it (without bodies).
        log.exception("unexpected error on %s %s", request.method, request.path)
        response = problem_response(ServiceError(500, "internal_error", "Internal error"))
    response.headers.update(HYGIENE_HEADERS)
    return response


def listening_port(request: web.Request) -> int | None:
    """The port this helper accepted the connection on (never one the caller names)."""
    return request.transport.get_extra_info("sockname")[1] if request.transport else None


def _allowed_hosts(request: web.Request) -> set[str]:
    port = listening_port(request)
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


@web.middleware
async def host_allowlist(request: web.Request, handler):
    """Defeats DNS rebinding: a page cannot forge Host, so a rebound name never matches."""
    if (request.headers.get("Host") or "").lower() not in _allowed_hosts(request):
        return web.Response(status=421, text="Misdirected Request")
    return await handler(request)


@web.middleware
async def refuse_web_origins(request: web.Request, handler):
    """A request from a web page carries an http(s) or null Origin; only the extension may call."""
    origin = request.headers.get("Origin")
    if origin is not None:
        lowered = origin.strip().lower()
        if (
            lowered == "null"
            or lowered.startswith(WEB_ORIGIN_PREFIXES)
            or not lowered.startswith("chrome-extension://")
        ):
            return web.Response(status=403, text="Forbidden")
    return await handler(request)


def _bearer_token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@web.middleware
async def bearer_auth(request: web.Request, handler):
    """Sets the caller's pairing on the request; public routes and preflights need none."""
    if request.method == "OPTIONS":
        return await _preflight(request)
    if route_identity(request) in request.app[PUBLIC_ROUTES]:
        return await handler(request)
    token = _bearer_token(request)
    origin = request.headers.get("Origin")
    pairing_id = None
    if token:
        pairing_id = await request.app[STORE].run(pairing.authenticate, token, origin)
    if pairing_id is None:
        raise ServiceError(
            401,
            "unauthorized",
            "A valid pairing token is required",
            headers={"WWW-Authenticate": 'Bearer realm="sendocki-helper"'},
        )
    request[PAIRING_ID] = pairing_id
    return await handler(request)


@web.middleware
async def rate_limit_per_pairing(request: web.Request, handler):
    """A token bucket per paired browser; unauthenticated routes are not counted."""
    pairing_id = request.get(PAIRING_ID)
    if pairing_id is not None:
        wait = request.app[RATE_LIMITER].retry_after(pairing_id)
        if wait is not None:
            raise ServiceError(
                429,
                "rate_limited",
                "Too many requests from this browser",
                headers={"Retry-After": str(wait)},
            )
    return await handler(request)


async def _preflight(request: web.Request) -> web.Response:
    """Allow headers only for an extension origin pinned by a pairing: exact echo, never '*'."""
    origin = request.headers.get("Origin")
    response = web.Response(status=204, headers={"Vary": "Origin"})
    if origin is None:
        return response
    if await request.app[STORE].run(pairing.is_pinned_origin, origin):
        response.headers.update(
            {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key",
                "Access-Control-Max-Age": "600",
            }
        )
    return response


# The first two answer bare, before anything that could identify the helper.
MIDDLEWARES = [host_allowlist, refuse_web_origins, problems, bearer_auth, rate_limit_per_pairing]
