"""Pulling the workspace from Sendocki by cursor into the local store, feed by feed.

A fetcher task keeps reading pages while the writer applies them. The writer takes every page
that has arrived (up to `BATCH_ROWS` rows) in one transaction: on a first pull each commit
rewrites most index pages (ids are random), so fewer, larger commits write far less. A batch
holds the single writer for well under a second, which an order saved meanwhile waits for.
"""

import asyncio
import logging
from collections.abc import Callable, Sequence

from sendocki_helper.services import catalog_index, connection, default_stages, delivery
from sendocki_helper.services.catalog_import import OPTIMIZE_FROM_DOCUMENTS
from sendocki_helper.store.db import Store
from sendocki_helper.sync import pull_store, wire
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.records import FeedPage

log = logging.getLogger("sendocki_helper.sync")

BATCH_ROWS = 10_000  # rows written: entries plus their variants or addresses
QUEUED_PAGES = 8  # fetched ahead at most; bounds memory while the writer is busy

# progress(feed, done, total): total is known on a feed's first pull, else None.
Progress = Callable[[str, int, int | None], None]


async def pull_all(
    store: Store, client: SendockiClient, progress: Progress | None = None
) -> dict[str, int]:
    """Brings every feed up to date; returns how many entries each feed brought."""
    counts = {}
    skipped: list[str] = []
    indexing = None
    try:
        for feed in wire.FEEDS:
            counts[feed] = await pull_feed(store, client, feed, progress, skipped)
            if feed == "stages":
                # The account's stages replace the local ones; their orders follow by state.
                await store.run(default_stages.adopt_account_stages)
            if feed == "catalog" and counts[feed]:
                # Index now, so the first search after a pull does not pay for it; the next
                # feed's pages are fetched meanwhile (the writer runs its work in order).
                indexing = asyncio.ensure_future(store.run(_index_catalog))
    finally:
        if indexing is not None:
            await indexing
    fees = await client.delivery_fees()
    if fees is not None:
        await store.run(delivery.apply_account, fees.fees, fees.default_fee, fees.free_above)
    if skipped:
        log.warning("pull skipped %d malformed entries, first: %s", len(skipped), skipped[0])
    await store.run(connection.record_pull, skipped)
    return counts


def _index_catalog() -> int:
    indexed = catalog_index.apply_pending()
    if indexed >= OPTIMIZE_FROM_DOCUMENTS:
        catalog_index.optimize()  # as after a big import: searches then read one segment
    return indexed


async def pull_feed(
    store: Store,
    client: SendockiClient,
    feed: str,
    progress: Progress | None = None,
    skipped: list[str] | None = None,
) -> int:
    """Brings one feed up to date; entries the API sent malformed are added to `skipped`."""
    cursor = await store.run(pull_store.get_cursor, feed)
    first = await client.pull_page(feed, cursor, count=cursor is None and progress is not None)
    total = None if first.remaining is None else first.remaining + len(first.records)
    queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUED_PAGES)
    fetcher = asyncio.create_task(_fetch(client, feed, first, queue))
    done = 0
    try:
        while True:
            batch = [await queue.get()]
            rows = _rows(batch[-1])
            while not _last(batch[-1]) and rows < BATCH_ROWS and not queue.empty():
                batch.append(queue.get_nowait())
                rows += _rows(batch[-1])
            pages = [item for item in batch if isinstance(item, FeedPage)]
            if pages:
                await store.run(pull_store.apply_pages, feed, pages)
                done += _entries(pages)
                if skipped is not None:
                    skipped.extend(reason for page in pages for reason in page.skipped)
                if progress is not None:
                    progress(feed, done, total)
            if isinstance(batch[-1], Exception):
                raise batch[-1]  # what arrived before the failure is kept, cursor included
            if _last(batch[-1]):
                return done
    finally:
        fetcher.cancel()
        await asyncio.gather(fetcher, return_exceptions=True)


async def _fetch(client: SendockiClient, feed: str, page: FeedPage, queue: asyncio.Queue) -> None:
    try:
        while True:
            await queue.put(page)
            if not page.has_more:
                return
            page = await client.pull_page(feed, page.next_cursor)
    except Exception as error:  # handed to the writer side, which raises it after its batch
        await queue.put(error)


def _last(item: FeedPage | Exception) -> bool:
    return isinstance(item, Exception) or not item.has_more


def _entries(items: Sequence[FeedPage | Exception]) -> int:
    return sum(len(item.records) for item in items if isinstance(item, FeedPage))


def _rows(item: FeedPage | Exception) -> int:
    """Rows a page writes: entries plus their variants or addresses (0 for a failure)."""
    if not isinstance(item, FeedPage):
        return 0
    return sum(
        1 + len(getattr(record, "variants", None) or getattr(record, "addresses", None) or ())
        for record in item.records
    )
