"""Pages applied in batches: a pull cut midway keeps what arrived and the next pull resumes there."""

import threading

import pytest

from sendocki_helper.store.models import Product
from sendocki_helper.sync import pull_store, wire
from sendocki_helper.sync.client import Retryable, SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sync.test_puller import search_skus


class CutAfter(SendockiClient):
    """Makes the sandbox fail the catalog request after `pages` good ones (a real 503)."""

    def __init__(self, sandbox, pages: int):
        super().__init__(sandbox.url, "sk_sandbox_test")
        self.sandbox, self.pages, self.calls = sandbox, pages, 0
        self.failed = threading.Event()

    async def pull_page(self, feed, cursor, count=False):
        if feed != "catalog":
            return await super().pull_page(feed, cursor, count)
        self.calls += 1
        if self.calls == self.pages + 1:
            self.sandbox.set_faults(fail_next=1, match="/v1/sync/catalog")
        try:
            return await super().pull_page(feed, cursor, count)
        except Retryable:
            self.failed.set()
            raise


def remote_skus() -> set[str]:
    return {p.sku for p in Product.select().where(Product.remote_id.is_null(False))}


async def test_a_pull_cut_midway_keeps_what_arrived_then_resumes(sandbox, store, monkeypatch):
    monkeypatch.setitem(wire.PAGE_SIZE, "catalog", 1)
    client = CutAfter(sandbox, pages=4)
    batches = []
    apply_pages = pull_store.apply_pages

    def slow_first_batch(feed, pages):
        # The writer is busy with the first page until the fetcher has met the failure, so the
        # other pages and the failure wait in the queue and come as one batch.
        if feed == "catalog" and ("catalog", 1) not in batches:
            assert client.failed.wait(10)
        batches.append((feed, len(pages)))
        apply_pages(feed, pages)

    monkeypatch.setattr(pull_store, "apply_pages", slow_first_batch)
    async with client:
        with pytest.raises(Retryable):
            await pull_all(store, client)
    assert [size for feed, size in batches if feed == "catalog"] == [1, 3]
    kept = await store.run(remote_skus)
    assert len(kept) == 4, "the pages that arrived before the failure are stored, cursor included"

    monkeypatch.setattr(pull_store, "apply_pages", apply_pages)
    async with SendockiClient(sandbox.url, "sk_sandbox_test") as client:
        counts = await pull_all(store, client)
    assert counts["catalog"] == 4, "the second pull starts after what the first one stored"
    everything = await store.run(remote_skus)
    assert len(everything) == 8 and kept < everything
    assert "TAPIS-BERBERE" in await store.run(search_skus, "tapis")
