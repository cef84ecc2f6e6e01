"""Thumbnails: fetched from a real HTTP server within bounds, reduced, cached on disk."""

import asyncio
import io
import re
import socket

import pytest
from aiohttp.abc import AbstractResolver
from PIL import Image

from sendocki_helper.images.cache import ThumbnailCache
from sendocki_helper.images.fetcher import (
    FetchRefused,
    LocalAddressRefused,
    PhotoFetcher,
    PublicAddressesOnly,
)
from sendocki_helper.images.service import NoThumbnail, Thumbnails
from tests.images.photo_server import photo_app


@pytest.fixture
async def photos(aiohttp_server):
    hits: dict = {}
    server = await aiohttp_server(photo_app(hits))
    server.hits = hits
    server.link = lambda path: str(server.make_url(path))
    return server


@pytest.fixture
async def thumbnails(tmp_path):
    # The test's photo server is on this computer: allowed here, refused by default (below).
    service = Thumbnails(tmp_path / "thumbnails", local_network=True)
    yield service
    await service.close()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


async def test_a_photo_becomes_a_small_webp_cached_on_disk(photos, thumbnails, tmp_path):
    url = photos.link("/photo.png")
    data = await thumbnails.for_url(url)
    image = decoded(data)
    assert image.format == "WEBP" and max(image.size) == 128 and image.size == (128, 96)
    assert len(data) < 5000
    jpeg = decoded(await thumbnails.for_url(photos.link("/photo.jpg")))
    assert jpeg.size == (128, 96)
    # Served from the disk cache afterwards, even by a new service (a restart, offline).
    await photos.close()
    again = Thumbnails(tmp_path / "thumbnails")
    assert await again.for_url(url) == data
    await again.close()
    assert photos.hits["/photo.png"] == 1


async def test_parallel_requests_for_one_photo_fetch_it_once(photos, thumbnails):
    url = photos.link("/photo.png")
    results = await asyncio.gather(*(thumbnails.for_url(url) for _ in range(10)))
    assert len(set(results)) == 1 and photos.hits["/photo.png"] == 1


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/elsewhere", "redirected to another host"),
        ("/loop", "more than 3 redirects"),
        ("/page.html", "not an image (text/html)"),
        ("/lying.png", "not a JPEG, PNG, WebP or GIF image"),
        ("/huge.jpg", "larger than 8388608 bytes"),
        ("/bomb.png", "too large"),
        ("/missing.png", "HTTP 404"),
    ],
)
async def test_what_is_refused_and_remembered(photos, thumbnails, path, reason):
    with pytest.raises(NoThumbnail, match=re.escape(reason)):
        await thumbnails.for_url(photos.link(path))
    hits = dict(photos.hits)
    with pytest.raises(NoThumbnail, match=re.escape(reason)):
        await thumbnails.for_url(photos.link(path))
    assert photos.hits == hits  # a failure is not fetched again at once


async def test_same_host_redirects_are_followed(photos, thumbnails):
    assert decoded(await thumbnails.for_url(photos.link("/moved"))).format == "WEBP"
    assert photos.hits["/moved"] == 1 and photos.hits["/photo.png"] == 1


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.png", "file:///etc/passwd", "data:image/png;base64,AAAA", "x"]
)
async def test_only_http_and_https(url):
    fetcher = PhotoFetcher()
    with pytest.raises(FetchRefused, match="only http and https"):
        await fetcher.fetch(url)
    await fetcher.close()


def test_the_cache_is_bounded_in_files_and_bytes(tmp_path):
    cache = ThumbnailCache(tmp_path / "c", max_files=10, max_bytes=10_000)
    for i in range(30):
        cache.put(f"https://shop.example/{i}.jpg", b"x" * 100)
    files, _ = cache.stats()
    assert files <= 10 and len(list((tmp_path / "c").iterdir())) == files
    assert cache.get("https://shop.example/29.jpg") is not None  # the newest stay
    assert cache.get("https://shop.example/0.jpg") is None
    for i in range(5):
        cache.put(f"https://shop.example/big{i}.jpg", b"y" * 4000)
    assert cache.stats()[1] <= 10_000


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/photo.png",
        "http://localhost/photo.png",
        "http://[::1]/photo.png",
        "http://[::ffff:127.0.0.1]/photo.png",
        "http://192.168.1.1/admin.png",
        "http://10.0.0.7/photo.png",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/photo.png",
    ],
)
async def test_local_and_private_addresses_are_never_dialled(url):
    fetcher = PhotoFetcher()
    with pytest.raises(FetchRefused, match="local or private"):
        await fetcher.fetch(url)
    await fetcher.close()


class NamesResolvedTo(AbstractResolver):
    """DNS as a hostile name server would answer: public-looking names, local addresses."""

    def __init__(self, *addresses):
        self.addresses = addresses

    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": family,
                "proto": 0,
                "flags": 0,
            }
            for address in self.addresses
        ]

    async def close(self):
        pass


async def test_a_name_that_resolves_to_a_local_address_is_refused():
    with pytest.raises(LocalAddressRefused):
        await PublicAddressesOnly(NamesResolvedTo("127.0.0.1", "192.168.1.1")).resolve(
            "cdn.shop.ma", 443
        )
    mixed = await PublicAddressesOnly(NamesResolvedTo("10.0.0.1", "41.250.1.2")).resolve(
        "cdn.shop.ma", 443
    )
    assert [entry["host"] for entry in mixed] == ["41.250.1.2"]  # only the public one is dialled


async def test_a_photo_on_this_computer_needs_the_local_network_allowance(photos):
    fetcher = PhotoFetcher(local_network=True)
    assert (await fetcher.fetch(photos.link("/photo.png"))).data  # the allowance works
    await fetcher.close()
    public = PhotoFetcher()
    with pytest.raises(FetchRefused, match="local or private"):
        await public.fetch(photos.link("/photo.png"))
    await public.close()
