"""Fetching a product photo for its thumbnail, within bounds.

http and https only; redirects followed by hand, at most 3 and only on the same host (an
http -> https upgrade is fine); the Content-Type must be an image type; the body is read up to
MAX_BYTES and refused beyond; the whole fetch has a deadline. Failures are remembered for a
while so a broken link is not fetched again on every search.

Photo addresses come from the catalog, which a Sendocki API or a file filled them in: they must
not make the helper call this computer or the seller's network (a router's page, another local
service). Only public addresses are dialled, checked on the address actually connected to (the
resolver filters what DNS answers, so a name that resolves to 127.0.0.1 is refused too).
"""

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

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


LOCAL_REFUSED = "a local or private network address (photos come from public addresses)"


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def literal_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def check_url(url: str, local_network: bool = False) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http and https addresses are fetched")
    host = parts.hostname.lower()
    # aiohttp dials an address written in the URL without asking the resolver.
    address = literal_address(host)
    if not local_network and (host == "localhost" or (address and not is_public(address))):
        raise FetchRefused(LOCAL_REFUSED)
    return host


class LocalAddressRefused(OSError):
    """Raised by the resolver; aiohttp hands it back inside its ClientConnectorError."""


class PublicAddressesOnly(AbstractResolver):
    """Resolves as usual, then keeps only public addresses; none left refuses the fetch."""

    def __init__(self, resolver: AbstractResolver | None = None):
        self._resolver = resolver or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._resolver.resolve(host, port, family)
        public = [entry for entry in found if is_public(entry["host"])]
        if not public:
            raise LocalAddressRefused(LOCAL_REFUSED)
        return public

    async def close(self) -> None:
        await self._resolver.close()


class PhotoFetcher:
    def __init__(self, session_factory=None, local_network: bool = False):
        """`local_network`: also fetch from this computer and private networks (a shop whose
        photos sit on its own network; the tests' photo server)."""
        self._session: aiohttp.ClientSession | None = None
        self._session_factory = session_factory
        self._local_network = local_network
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
                    connector=aiohttp.TCPConnector(
                        resolver=None if self._local_network else PublicAddressesOnly()
                    ),
                )
            )
        return self._session

    async def fetch(self, url: str) -> Fetched:
        host = check_url(url, self._local_network)
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
                except aiohttp.ClientConnectorError as error:
                    if isinstance(error.os_error, LocalAddressRefused):
                        raise FetchRefused(LOCAL_REFUSED) from None
                    raise FetchRefused(f"network error ({type(error).__name__})") from None
                except aiohttp.ClientError as error:
                    raise FetchRefused(f"network error ({type(error).__name__})") from None
                if isinstance(result, Fetched):
                    return result
                url = result
                if check_url(url, self._local_network) != host:
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
