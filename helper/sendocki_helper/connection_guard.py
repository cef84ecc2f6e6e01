"""Half-open connections must not starve the extension of file descriptors.

A local program can open connections and never finish a request's headers. Three limits:
- a new connection has HEADER_TIMEOUT_SECONDS to send its first request's headers;
- at most `max_connections` at once: a new connection beyond it closes, oldest first, one that
  has not sent its headers within GRACE_SECONDS (the extension sends its request at once, so that
  is a half-open one), else a kept-alive connection that aiohttp reports idle between requests,
  else a younger one without headers yet; when every connection is busy, the new one is closed
  instead. A connection just accepted has not been read yet: at the cap, its kernel buffer is
  peeked, so one whose complete headers already wait there counts as having sent them;
- accept errors (out of file descriptors) are logged once a minute, with a count, no traceback.

aiohttp's keep-alive timeout stays long (an hour): Chrome closes its own idle sockets after five
minutes, and a server that closes first races the browser's next request on that socket (the
request then fails). An idle kept-alive connection costs one descriptor and is evictable.
"""

import asyncio
import logging
import socket
import time
from collections import OrderedDict

from aiohttp import web

log = logging.getLogger("sendocki_helper.connections")

HEADER_TIMEOUT_SECONDS = 10.0
GRACE_SECONDS = 0.25  # the extension sends its headers within milliseconds
PEEK_BYTES = 16 * 1024
MAX_CONNECTIONS = 512
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
        self._deadline: asyncio.TimerHandle | None = None
        self.opened_at = 0.0

    def connection_made(self, transport):
        self.transport = transport
        self.opened_at = asyncio.get_running_loop().time()
        self.admitted = self.guard.admit(self)
        if not self.admitted:
            transport.abort()
            return
        self._deadline = asyncio.get_running_loop().call_later(
            self.guard.header_timeout, self._headers_too_slow
        )
        self.handler.connection_made(transport)

    def _headers_too_slow(self):
        if not self.requested and self.transport is not None:
            self.transport.abort()

    def headers_waiting(self) -> bool:
        """Peeks the socket: complete headers already received but not yet read by the loop."""
        if self.requested:
            return True
        raw = self.transport.get_extra_info("socket") if self.transport else None
        if raw is None or not hasattr(socket, "MSG_PEEK"):
            return False
        view = socket.socket(fileno=raw.fileno())  # borrows the descriptor, detached below
        try:
            waiting = view.recv(PEEK_BYTES, socket.MSG_PEEK | getattr(socket, "MSG_DONTWAIT", 0))
        except OSError:
            waiting = b""
        finally:
            view.detach()
        return _HEADER_END in self._tail + waiting

    def idle_between_requests(self) -> bool:
        """aiohttp's handler waits for the next request (private fields; unknown = busy)."""
        return (
            self.requested
            and not getattr(self.handler, "_request_in_progress", True)
            and (not getattr(self.handler, "_messages", True))
        )

    def data_received(self, data):
        if not self.requested:
            seen = self._tail + data
            self.requested = _HEADER_END in seen
            self._tail = seen[-3:]
            if self.requested and self._deadline is not None:
                self._deadline.cancel()
        self.handler.data_received(data)

    def connection_lost(self, exc):
        self.guard.open.pop(self, None)
        if self._deadline is not None:
            self._deadline.cancel()
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

    def __init__(
        self,
        factory,
        max_connections: int = MAX_CONNECTIONS,
        header_timeout: float = HEADER_TIMEOUT_SECONDS,
    ):
        self.factory = factory
        self.max_connections = max_connections
        self.header_timeout = header_timeout
        self.open: OrderedDict[_GuardedConnection, None] = OrderedDict()
        self.refused = 0
        self.evicted = 0
        self._last_report = 0.0

    def __call__(self) -> asyncio.Protocol:
        return _GuardedConnection(self.factory(), self)

    def admit(self, connection: _GuardedConnection) -> bool:
        if len(self.open) >= self.max_connections:
            idle = self._evictable(connection.opened_at - GRACE_SECONDS)
            if idle is None:
                self.refused += 1
                self._report()
                return False
            self.evicted += 1
            self._report()
            self.open.pop(idle)
            if idle.transport is not None:
                idle.transport.abort()  # its connection_lost follows and tells aiohttp
        self.open[connection] = None
        return True

    def _evictable(self, grace_ends: float) -> "_GuardedConnection | None":
        kinds = (
            lambda c: not c.requested and c.opened_at <= grace_ends,  # half-open for a while
            _GuardedConnection.idle_between_requests,
            lambda c: not c.headers_waiting(),
        )
        for kind in kinds:
            found = next((c for c in self.open if kind(c)), None)
            if found is not None:
                return found
        return None

    def _report(self) -> None:
        now = time.monotonic()
        if now - self._last_report >= LOG_EVERY_SECONDS:
            self._last_report = now
            log.warning(
                "More than %d connections at once: closed %d idle ones, refused %d "
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
