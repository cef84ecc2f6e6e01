"""Half-open connections must not starve the extension of file descriptors.

A local program can open connections and never finish a request's headers. Three limits:
- at most `max_connections` at once: a new connection beyond it closes the oldest one that has
  not sent a complete request yet (the extension sends its request at once, so the connection
  closed is nearly always an idle one); when every connection has sent a request, the new
  connection is closed instead;
- aiohttp's keep-alive timeout, set to HEADER_TIMEOUT_SECONDS, closes a connection that has not
  completed a request within that time of opening (or of its previous answer);
- accept errors (out of file descriptors) are logged once a minute, with a count, no traceback.
"""

import asyncio
import logging
import time
from collections import OrderedDict

from aiohttp import web

log = logging.getLogger("sendocki_helper.connections")

HEADER_TIMEOUT_SECONDS = 10.0
MAX_CONNECTIONS = 256
LOG_EVERY_SECONDS = 60.0
_HEADER_END = b"\r\n\r\n"


def connection_cap(open_files_soft_limit: int | None) -> int:
    """MAX_CONNECTIONS, or half the open-files limit where that is lower (SQLite, logs, ...)."""
    if open_files_soft_limit is None or open_files_soft_limit < 0:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, open_files_soft_limit // 2))


class _GuardedConnection(asyncio.Protocol):
    """Passes everything to aiohttp's handler; watches only for the end of the first headers."""

    def __init__(self, handler: asyncio.Protocol, guard: "ConnectionGuard"):
        self.handler = handler
        self.guard = guard
        self.transport: asyncio.Transport | None = None
        self.requested = False
        self.admitted = False
        self._tail = b""

    def connection_made(self, transport):
        self.transport = transport
        self.admitted = self.guard.admit(self)
        if not self.admitted:
            transport.abort()
            return
        self.handler.connection_made(transport)

    def data_received(self, data):
        if not self.requested:
            seen = self._tail + data
            self.requested = _HEADER_END in seen
            self._tail = seen[-3:]
        self.handler.data_received(data)

    def connection_lost(self, exc):
        self.guard.open.pop(self, None)
        if self.admitted:
            self.handler.connection_lost(exc)

    def eof_received(self):
        return self.handler.eof_received()

    def pause_writing(self):
        self.handler.pause_writing()

    def resume_writing(self):
        self.handler.resume_writing()


class ConnectionGuard:
    """The protocol factory given to the event loop, wrapping aiohttp's."""

    def __init__(self, factory, max_connections: int = MAX_CONNECTIONS):
        self.factory = factory
        self.max_connections = max_connections
        self.open: OrderedDict[_GuardedConnection, None] = OrderedDict()
        self.refused = 0
        self.evicted = 0
        self._last_report = 0.0

    def __call__(self) -> asyncio.Protocol:
        return _GuardedConnection(self.factory(), self)

    def admit(self, connection: _GuardedConnection) -> bool:
        if len(self.open) >= self.max_connections:
            idle = next((c for c in self.open if not c.requested), None)
            if idle is None:
                self.refused += 1
                self._report()
                return False
            self.evicted += 1
            self._report()
            self.open.pop(idle)
            idle.transport.abort()  # its connection_lost follows and tells aiohttp
        self.open[connection] = None
        return True

    def _report(self) -> None:
        now = time.monotonic()
        if now - self._last_report >= LOG_EVERY_SECONDS:
            self._last_report = now
            log.warning(
                "More than %d connections at once: closed %d that sent no request, refused %d "
                "(another program on this computer is opening connections)",
                self.max_connections,
                self.evicted,
                self.refused,
            )


class GuardedSockSite(web.SockSite):
    """aiohttp's SockSite, with the connection guard between the event loop and aiohttp."""

    def __init__(self, runner, sock, max_connections: int = MAX_CONNECTIONS, **kwargs):
        super().__init__(runner, sock, **kwargs)
        self.max_connections = max_connections
        self.guard: ConnectionGuard | None = None

    async def start(self) -> None:
        await web.BaseSite.start(self)
        self.guard = ConnectionGuard(self._runner.server, self.max_connections)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self.guard, sock=self._sock, backlog=self._backlog)


class AcceptErrorLog:
    """Event-loop exception handler: out-of-descriptors accept errors once a minute, counted."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.previous = loop.get_exception_handler()
        self.suppressed = 0
        self._last = 0.0

    def __call__(self, loop, context) -> None:
        if context.get("message") != "socket.accept() out of system resource":
            if self.previous is not None:
                self.previous(loop, context)
            else:
                loop.default_exception_handler(context)
            return
        now = time.monotonic()
        if now - self._last < LOG_EVERY_SECONDS:
            self.suppressed += 1
            return
        self._last = now
        error = context.get("exception")
        log.error(
            "Cannot accept connections: %s (%d more in the last minute); "
            "another program may be holding many connections to the helper",
            getattr(error, "strerror", None) or error,
            self.suppressed,
        )
        self.suppressed = 0

    def install(self) -> None:
        self.loop.set_exception_handler(self)
