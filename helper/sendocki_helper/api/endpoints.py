"""Declared endpoints: each route says its method, path, models and whether it needs a token.

The router and the OpenAPI document are both built from this one table, so they cannot disagree.
"""

from dataclasses import dataclass, field
from typing import Awaitable, Callable

from aiohttp import web
from pydantic import BaseModel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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


ENDPOINTS: list[Endpoint] = []


def endpoint(method: str, path: str, summary: str, **options) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ENDPOINTS.append(Endpoint(method, path, handler, summary, **options))
        return handler

    return register


def public_paths() -> frozenset[tuple[str, str]]:
    return frozenset((e.method, e.path) for e in ENDPOINTS if not e.auth)


def add_routes(app: web.Application) -> None:
    for e in ENDPOINTS:
        app.router.add_route(e.method, e.path, e.handler)
