"""Pulling the workspace from Sendocki by cursor into the local store, feed by feed.

While a page is written, the next one is already being fetched.
"""

import asyncio
import logging
from typing import Callable

from sendocki_helper.services import catalog_index
from sendocki_helper.store.db import Store
from sendocki_helper.sync import pull_store, state, wire
from sendocki_helper.sync.client import SendockiClient

log = logging.getLogger("sendocki_helper.sync")

# progress(feed, done, total): total is known on a feed's first pull, else None.
Progress = Callable[[str, int, int | None], None]


async def pull_all(store: Store, client: SendockiClient, progress: Progress | None = None) -> dict[str, int]:
    """Brings every feed up to date; returns how many entries each feed brought."""
    counts = {}
    for feed in wire.FEEDS:
        counts[feed] = await pull_feed(store, client, feed, progress)
        if feed == "catalog" and counts[feed]:
            # Index now, so the first search after a pull does not pay for it.
            await store.run(catalog_index.apply_pending)
    await store.run(state.record_pull)
    return counts


async def pull_feed(store: Store, client: SendockiClient, feed: str, progress: Progress | None = None) -> int:
    cursor = await store.run(pull_store.get_cursor, feed)
    first_pull = cursor is None
    page = await client.pull_page(feed, cursor, count=first_pull and progress is not None)
    total = None if page.remaining is None else page.remaining + len(page.records)
    done = 0
    while True:
        ahead = asyncio.create_task(client.pull_page(feed, page.next_cursor)) if page.has_more else None
        try:
            await store.run(pull_store.apply_page, feed, page)
        except BaseException:
            if ahead is not None:
                ahead.cancel()
            raise
        done += len(page.records)
        if progress is not None:
            progress(feed, done, total)
        if ahead is None:
            return done
        page = await ahead
