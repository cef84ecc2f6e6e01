"""Fault injection: latency, errors, 429, dropped connections, and commit-then-drop.

Counters are consumed one per matching request. Precedence: down, drop, fail, rate limit,
commit-then-drop (which lets the request run and commit, then cuts the connection).
"""

import asyncio
import logging
from dataclasses import asdict, dataclass, fields

from aiohttp import web

from sendocki_sandbox.problems import Problem

log = logging.getLogger("sendocki_sandbox.faults")


@dataclass
class Faults:
    latency_ms: int = 0
    fail_next: int = 0
    fail_status: int = 503
    rate_limit_next: int = 0
    retry_after: int = 1
    drop_next: int = 0
    commit_then_drop_next: int = 0
    down: bool = False
    # "/v1/..." matches a path prefix; "POST /v1/orders" also the method.
    match: str = "/v1/"
    # Not a fault: False turns off the server's own duplicate guard on client references,
    # so exactly-once must come from the client's keys and lookups alone.
    unique_references: bool = True

    def __post_init__(self):
        self.in_progress = 0  # matching requests being handled now (for tests that kill a client)

    def update(self, changes: dict) -> None:
        if changes.get("reset"):
            for f in fields(self):
                setattr(self, f.name, f.default)
        known = {f.name: f.type for f in fields(self)}
        unknown = set(changes) - set(known) - {"reset"}
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(sorted(unknown))}")
        for name, value in changes.items():
            if name == "reset":
                continue
            if name in ("down", "unique_references"):
                value = bool(value)
            elif name == "match":
                value = str(value)
            else:
                value = int(value)
                if value < 0:
                    raise ValueError(f"{name} must not be negative")
            setattr(self, name, value)
        if self.fail_status not in (500, 502, 503, 504):
            raise ValueError("fail_status must be 500, 502, 503 or 504")

    def as_dict(self) -> dict:
        return asdict(self) | {"in_progress": self.in_progress}

    def matches(self, request: web.Request) -> bool:
        if self.match.startswith("/"):
            return request.path.startswith(self.match)
        return f"{request.method} {request.path}".startswith(self.match)


class ConnectionCut(Exception):
    """Raised after the transport is closed, so no answer is written."""


def cut(request: web.Request) -> None:
    if request.transport is not None:
        request.transport.abort()


def middleware(faults: Faults):
    @web.middleware
    async def inject(request: web.Request, handler):
        if not faults.matches(request):
            return await handler(request)
        faults.in_progress += 1
        try:
            return await _inject(request, handler)
        finally:
            faults.in_progress -= 1

    async def _inject(request: web.Request, handler):
        # Read the body first: like a real server, a request received in full is processed
        # even if the client goes away while it waits.
        await request.read()
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        if faults.down or faults.drop_next:
            if not faults.down:
                faults.drop_next -= 1
            log.info("fault: dropping %s %s before processing", request.method, request.path)
            cut(request)
            raise ConnectionCut()
        if faults.fail_next:
            faults.fail_next -= 1
            status = faults.fail_status
            code = "unavailable" if status == 503 else "internal_error"
            return Problem(status, code, "Injected failure").response()
        if faults.rate_limit_next:
            faults.rate_limit_next -= 1
            return Problem(
                429,
                "rate_limited",
                "Too many requests",
                headers={"Retry-After": str(faults.retry_after)},
            ).response()
        if faults.commit_then_drop_next:
            faults.commit_then_drop_next -= 1
            response = await handler(request)
            log.info(
                "fault: %s %s answered %s, dropping the answer",
                request.method,
                request.path,
                response.status,
            )
            cut(request)
            raise ConnectionCut()
        return await handler(request)

    return inject
