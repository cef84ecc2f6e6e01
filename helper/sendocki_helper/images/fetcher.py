"""Fetching a product photo for its thumbnail, within bounds.

http and https only; redirects followed by hand, at most 3 and only on the same host (an
http -> https upgrade is fine); the Content-Type must be an image type; the body is read up to
MAX_BYTES and refused beyond; the whole fetch has a deadline. Failures are remembered for a
while so a broken link is not fetched again on every search.
"""

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp

from sendocki_helper import __version__

MAX_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 3
TOTAL_SECONDS = 15.0
TIMEOUT = aiohttp.ClientTimeout(total=TOTAL_SECONDS, connect=5, sock_read=10)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "image/pjpeg")
MAX_PARALLEL = 4


class FetchRefused(Exception):
    """The URL or the answer breaks a rule; the message says which."""


@dataclass
class Fetched:
    data: bytes
    content_type: str


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http and https addresses are fetched")
    return parts.hostname.lower()


class PhotoFetcher:
    def __init__(self, session_factory=None):
        self._session: aiohttp.ClientSession | None = None
        self._session_factory = session_factory
        self._parallel = asyncio.Semaphore(MAX_PARALLEL)

    async def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = (
                self._session_factory()
                if self._session_factory
                else aiohttp.ClientSession(
                    timeout=TIMEOUT,
                    headers={"User-Agent": f"sendocki-helper/{__version__} (thumbnails)"},
                    # Photos come from the shop's own CDN: no cookies kept between fetches.
                    cookie_jar=aiohttp.DummyCookieJar(),
                )
            )
        return self._session

    async def fetch(self, url: str) -> Fetched:
        host = check_url(url)
        async with self._parallel:
            session = await self._client()
            deadline = time.monotonic() + TOTAL_SECONDS
            for _ in range(MAX_REDIRECTS + 1):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchRefused("took too long")
                try:
                    async with asyncio.timeout(remaining):
                        result = await self._one(session, url)
                except TimeoutError:
                    raise FetchRefused("took too long") from None
                except aiohttp.ClientError as error:
                    raise FetchRefused(f"network error ({type(error).__name__})") from None
                if isinstance(result, Fetched):
                    return result
                url = result
                if check_url(url) != host:
                    raise FetchRefused("redirected to another host")
            raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")

    async def _one(self, session, url: str) -> Fetched | str:
        async with session.get(url, allow_redirects=False) as response:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchRefused(f"HTTP {response.status} without a Location")
                return urljoin(url, location)
            if response.status != 200:
                raise FetchRefused(f"HTTP {response.status}")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type not in IMAGE_TYPES:
                raise FetchRefused(f"not an image ({content_type or 'no Content-Type'})")
            if (response.content_length or 0) > MAX_BYTES:
                raise FetchRefused(f"larger than {MAX_BYTES} bytes")
            data = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                data += chunk
                if len(data) > MAX_BYTES:
                    raise FetchRefused(f"larger than {MAX_BYTES} bytes")
            return Fetched(bytes(data), content_type)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
