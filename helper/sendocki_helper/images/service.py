"""A product's thumbnail: from the disk cache, else fetched, reduced and cached.

Off the search path: search answers only say whether a product has a photo; the dialog asks
for each thumbnail separately (through the extension's worker) and shows a neutral placeholder
meanwhile or when there is none. One fetch per URL at a time; a failed URL is not retried for
FAILURE_TTL seconds.
"""

import asyncio
import logging
import time
from pathlib import Path

from sendocki_helper.images.cache import ThumbnailCache
from sendocki_helper.images.fetcher import FetchRefused, PhotoFetcher
from sendocki_helper.images.thumbnail import NotAnImage, make_thumbnail

log = logging.getLogger("sendocki_helper.images")
FAILURE_TTL = 600.0
MAX_REMEMBERED_FAILURES = 10_000


class NoThumbnail(Exception):
    """No photo, or it could not be fetched or read; the message says why (for logs/answers)."""


class Thumbnails:
    def __init__(
        self,
        folder: Path,
        fetcher: PhotoFetcher | None = None,
        local_network: bool = False,
        **cache_bounds,
    ):
        self.cache = ThumbnailCache(folder, **cache_bounds)
        self.fetcher = fetcher or PhotoFetcher(local_network=local_network)
        self._in_flight: dict[str, asyncio.Future] = {}
        self._failed: dict[str, tuple[float, str]] = {}

    async def for_url(self, url: str) -> bytes:
        # A cached thumbnail is a few KB read from the page cache: cheaper on the loop than a
        # thread hop, and it keeps the executor free for the searches' neighbours.
        cached = self.cache.get(url)
        if cached is not None:
            return cached
        failure = self._failed.get(url)
        if failure is not None and time.monotonic() - failure[0] < FAILURE_TTL:
            raise NoThumbnail(failure[1])
        pending = self._in_flight.get(url)
        if pending is None:
            pending = self._in_flight[url] = asyncio.ensure_future(self._fetch(url))
            pending.add_done_callback(lambda _: self._in_flight.pop(url, None))
        return await asyncio.shield(pending)

    async def _fetch(self, url: str) -> bytes:
        loop = asyncio.get_running_loop()
        try:
            fetched = await self.fetcher.fetch(url)
            data = await loop.run_in_executor(None, make_thumbnail, fetched.data)
        except (FetchRefused, NotAnImage) as error:
            reason = str(error)
            if len(self._failed) >= MAX_REMEMBERED_FAILURES:
                self._failed.clear()
            self._failed[url] = (time.monotonic(), reason)
            log.info("no thumbnail for a product photo: %s", reason)
            raise NoThumbnail(reason) from None
        await loop.run_in_executor(None, self.cache.put, url, data)
        return data

    async def close(self) -> None:
        await self.fetcher.close()
