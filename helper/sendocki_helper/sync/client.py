"""HTTP to the Sendocki sync API: sends what `wire` builds, classifies every failure.

Failures, after stripe-python's classification (docs/security.md, "Retries"):
- `Unreachable`: timeout or connection error; the request may or may not have been processed.
- `Retryable`: 429, 5xx, 409 "in progress"; carries the server's Retry-After.
- `AuthRefused`: 401 / 403; retrying cannot help until the seller reconnects.
- `Rejected`: any other 4xx, and any 3xx (redirects are never followed); the server's message.
Answers are read up to MAX_ANSWER_BYTES (beyond: `AnswerTooLarge`, retryable).
"""

import asyncio
import json
import ssl

import aiohttp
import certifi

from sendocki_helper.sync import wire
from sendocki_helper.sync.records import (
    Account,
    DeliveryFees,
    FeedPage,
    OrderRecord,
    RemoteOrder,
)


def tls_context() -> ssl.SSLContext:
    """HTTPS to Sendocki trusts certifi's CA bundle: a frozen program on Windows or macOS has no
    usable system store for OpenSSL, and the bundle travels inside the program."""
    return ssl.create_default_context(cafile=certifi.where())


class ApiError(Exception):
    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.message, self.status, self.retry_after = message, status, retry_after


class Unreachable(ApiError):
    pass


class Retryable(ApiError):
    pass


class AuthRefused(ApiError):
    pass


class Rejected(ApiError):
    pass


def unreachable_reason(error: aiohttp.ClientError) -> str:
    """What went wrong, in the seller's words (never an exception class name)."""
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return "its certificate could not be verified"
    if isinstance(error, aiohttp.InvalidURL):
        return "the address is not a valid web address"
    if isinstance(error, aiohttp.ClientConnectorError):
        return "no answer at that address (check it, and the internet connection)"
    return "the connection failed (check the address and the internet connection)"


# Far above any page the helper asks for (500 products or 1000 customers is a few MB).
MAX_ANSWER_BYTES = 32 * 1024 * 1024
# Answers above this are parsed on a worker thread, so requests keep being answered meanwhile.
PARSE_ELSEWHERE_BYTES = 256 * 1024


class AnswerTooLarge(Retryable):
    pass


async def _read_bounded(response: aiohttp.ClientResponse) -> bytes:
    too_large = AnswerTooLarge(
        f"the Sendocki API answered more than {MAX_ANSWER_BYTES // (1024 * 1024)} MB; "
        "the answer was dropped",
        response.status,
    )
    if (response.content_length or 0) > MAX_ANSWER_BYTES:
        raise too_large
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(256 * 1024):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _loads(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


async def _decode(raw: bytes) -> object:
    if not raw:
        return None
    if len(raw) <= PARSE_ELSEWHERE_BYTES:
        return _loads(raw)
    return await asyncio.get_running_loop().run_in_executor(None, _loads, raw)


class StageConflict(Exception):
    """Sendocki refused a move: the order is no longer in the stage the move started from."""

    def __init__(self, message: str, order: OrderRecord):
        super().__init__(message)
        self.message, self.order = message, order


class _AlreadyCreated(Exception):
    def __init__(self, order: RemoteOrder):
        self.order = order


class SendockiClient:
    def __init__(
        self,
        api_url: str,
        api_key: str,
        timeout: float = 20.0,
        session: aiohttp.ClientSession | None = None,
    ):
        self.api_url = api_url.rstrip("/")
        self._api_key = api_key
        self._timeout = aiohttp.ClientTimeout(total=timeout, sock_connect=min(5.0, timeout))
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> "SendockiClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    def __repr__(self) -> str:  # never the key
        return f"SendockiClient({self.api_url!r})"

    async def account(self) -> Account:
        return wire.parse_account(await self._call(wire.account_request()))

    async def pull_page(self, feed: str, cursor: str | None, count: bool = False) -> FeedPage:
        return wire.parse_feed_page(feed, await self._call(wire.feed_request(feed, cursor, count)))

    async def delivery_fees(self) -> DeliveryFees | None:
        """The account's delivery fee by city; None when the API has no such endpoint (404)."""
        try:
            return wire.parse_delivery_fees(await self._call(wire.delivery_fees_request()))
        except Rejected as error:
            if error.status == 404:
                return None
            raise

    async def create_order(self, body: str, idempotency_key: str) -> RemoteOrder:
        """`body` from `wire.order_body_text`, the same text on every attempt under this key."""
        request = wire.order_create_request(body, idempotency_key)
        try:
            return wire.parse_order(await self._call(request))
        except _AlreadyCreated as created:
            # Made earlier under another key (e.g. one that expired): delivered, not a duplicate.
            return created.order

    async def get_order(self, remote_order_id: str) -> OrderRecord:
        return wire.parse_order_entry(await self._call(wire.order_get_request(remote_order_id)))

    async def move_order(
        self, remote_order_id: str, body: str, idempotency_key: str
    ) -> OrderRecord:
        """`body` from `wire.move_body_text`; raises StageConflict when Sendocki moved it meanwhile."""
        request = wire.move_request(remote_order_id, body, idempotency_key)
        return wire.parse_order_entry(await self._call(request))

    async def find_order(self, client_reference: str) -> RemoteOrder | None:
        return wire.parse_lookup(await self._call(wire.order_lookup_request(client_reference)))

    async def _call(self, request: wire.Request) -> dict:
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=tls_context()))
        headers = {**wire.auth_headers(self._api_key), **request.headers}
        try:
            async with self._session.request(
                request.method,
                self.api_url + request.path,
                params=request.params or None,
                json=request.json,
                data=request.data,
                headers=headers,
                timeout=self._timeout,
                # A redirect would re-send the customer's data to another host, and its answer
                # would pass for Sendocki's: never followed (3xx is handled below).
                allow_redirects=False,
            ) as response:
                status, response_headers = response.status, response.headers
                raw = await _read_bounded(response)
        except TimeoutError:
            raise Unreachable("the Sendocki API did not answer in time") from None
        except aiohttp.ClientError as error:
            raise Unreachable(
                f"cannot reach the Sendocki API: {unreachable_reason(error)}"
            ) from None
        data = await _decode(raw)
        if 300 <= status < 400:
            raise Rejected(
                f"the Sendocki API answered a redirect (HTTP {status}) instead of an answer; "
                "nothing was sent to the other address: check the API address",
                status,
            )
        if 200 <= status < 300:
            if not isinstance(data, dict):
                raise Retryable(f"HTTP {status} without a JSON body", status)
            return data
        problem = wire.parse_problem(status, data, response_headers)
        if problem.existing_order is not None:
            raise _AlreadyCreated(problem.existing_order)
        if problem.conflict_order is not None:
            raise StageConflict(problem.message, problem.conflict_order)
        if status in (401, 403):
            raise AuthRefused(problem.message, status)
        if status == 429 or status >= 500 or wire.is_in_progress(problem):
            raise Retryable(problem.message, status, problem.retry_after)
        raise Rejected(problem.message, status)
