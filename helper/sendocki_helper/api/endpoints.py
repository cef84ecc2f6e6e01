"""Declared endpoints: each route says its method, path and whether it needs a token; its
handler's signature says its models.

    @endpoint("GET", "/v1/catalog/search", "Products and variants by name")
    async def search_catalog(request: web.Request, query: CatalogSearchQuery) -> Answer[...]:

A parameter named `query` receives the validated query string, one named `body` the validated
JSON body, any other named parameter the path segment of that name; the return annotation names
the answer's model. The wrapper parses before the handler runs and validates what it returns
exactly once, so the router, the OpenAPI document and the behaviour come from one declaration.
"""

import inspect
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar, get_args, get_origin, get_type_hints

from aiohttp import web
from pydantic import BaseModel, ValidationError

from sendocki_helper.api.problems import errors_from_validation
from sendocki_helper.services.errors import ServiceError

M = TypeVar("M", bound=BaseModel)

# What a handler may return for a model M: an M, or a mapping validated against M once.
Answer: TypeAlias = M | Mapping[str, Any]


class AnswerJson(str):
    """An answer validated against the route's model and serialised earlier (a stored answer)."""


@dataclass(frozen=True)
class Reply(Generic[M]):
    """An answer with a status or headers of its own (an idempotent replay, say)."""

    answer: "M | Mapping[str, Any] | AnswerJson"
    status: int | None = None
    headers: Mapping[str, str] | None = None


Handler = Callable[..., Awaitable[Any]]
RouteHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    auth: bool = True
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # documented request headers
    path_params: tuple[str, ...] = ()

    def route_handler(self) -> RouteHandler:
        """The aiohttp handler: parse, call, answer."""
        body_model, query_model, response_model = self.body, self.query, self.response
        path_params, handler, default_status = self.path_params, self.handler, self.status

        async def handle(request: web.Request) -> web.StreamResponse:
            arguments: dict[str, Any] = {name: request.match_info[name] for name in path_params}
            if query_model is not None:
                arguments["query"] = parse_query(request, query_model)
            if body_model is not None:
                arguments["body"] = await parse_body(request, body_model)
            result = await handler(request, **arguments)
            if isinstance(result, web.StreamResponse):
                return result
            if isinstance(result, Reply):
                status = result.status or default_status
                return _json_response(response_model, result.answer, status, result.headers)
            return _json_response(response_model, result, default_status, None)

        handle.__name__ = handler.__name__
        return handle


ENDPOINTS: list[Endpoint] = []


def endpoint(
    method: str,
    path: str,
    summary: str,
    *,
    auth: bool = True,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        hints = get_type_hints(handler)
        names = list(inspect.signature(handler).parameters)[1:]  # after `request`
        ENDPOINTS.append(
            Endpoint(
                method,
                path,
                handler,
                summary,
                auth=auth,
                body=hints.get("body") if "body" in names else None,
                query=hints.get("query") if "query" in names else None,
                response=_answer_model(hints.get("return")),
                status=status,
                headers=headers or {},
                path_params=tuple(n for n in names if n not in ("body", "query")),
            )
        )
        return handler

    return register


def _answer_model(annotation: Any) -> type[BaseModel] | None:
    """OrderOut, Answer[OrderOut] or Reply[OrderOut] -> OrderOut; None for a bare response."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _answer_model(argument)
        if found is not None:
            return found
    origin = get_origin(annotation)
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return origin
    return None


def route_identity(request: web.Request) -> tuple[str, str]:
    """(method, declared path) of the matched route: `/v1/orders/{order_id}`, not the URL."""
    resource = request.match_info.route.resource
    return request.method, resource.canonical if resource is not None else request.path


def public_paths() -> frozenset[tuple[str, str]]:
    return frozenset((e.method, e.path) for e in ENDPOINTS if not e.auth)


def add_routes(app: web.Application) -> None:
    for e in ENDPOINTS:
        app.router.add_route(e.method, e.path, e.route_handler())


# ---------------------------------------------------------------- parsing and answering


async def parse_body(request: web.Request, model: type[M]) -> M:
    if request.content_type != "application/json":
        raise ServiceError(415, "unsupported_media_type", "Request body must be application/json")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise ServiceError(413, "payload_too_large", "Request body is too large") from None
    refuse_deep_json(raw)
    try:
        # pydantic reads the JSON itself: one pass, no dict of Python objects in between.
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(e["type"] == "json_invalid" for e in error.errors(include_url=False)):
            raise ServiceError(400, "invalid_json", "Request body is not valid JSON") from None
        raise ServiceError(
            422,
            "validation_error",
            f"Invalid {model.__name__}",
            errors=errors_from_validation(error),
        ) from None


# No request of ours nests deeper than a few levels; a deeper body is refused before parsing
# (Python's parser would recurse a thousand levels and fail with RecursionError, a 500).
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than limit (no recursion, C-speed scans)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub(b"", raw)):
        depth += 1 if bracket in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def refuse_deep_json(raw: bytes) -> None:
    if json_depth_exceeds(raw):
        raise ServiceError(
            400,
            "json_too_deep",
            "Request body nests too deeply",
            detail=f"Objects and arrays may nest at most {MAX_JSON_DEPTH} levels.",
        )


def parse_query(request: web.Request, model: type[M]) -> M:
    try:
        return model.model_validate(dict(request.query))
    except ValidationError as error:
        raise ServiceError(
            422, "validation_error", "Invalid query", errors=errors_from_validation(error)
        ) from None


def _json_response(
    model: type[BaseModel] | None,
    answer: Any,
    status: int,
    headers: Mapping[str, str] | None,
) -> web.Response:
    """The answer as JSON, validated against the declared model unless it already is one."""
    if isinstance(answer, AnswerJson):
        text = str(answer)
    elif isinstance(answer, BaseModel):
        text = answer.model_dump_json()
    elif model is not None:
        text = model.model_validate(answer).model_dump_json()
    else:
        text = json.dumps(answer, ensure_ascii=False)
    return web.Response(status=status, text=text, content_type="application/json", headers=headers)
