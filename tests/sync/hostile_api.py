"""A Sendocki API that answers what the real one must never send: redirects, endless bodies,
negative or absurd values, oversized pages, megabyte error titles. A real aiohttp server on a
real socket in the test's process (the sandbox process plays by the contract)."""

from dataclasses import dataclass, field

from aiohttp import web

EMPTY_PAGE = {"data": [], "next_cursor": "end", "has_more": False}


@dataclass
class HostileApi:
    feeds: dict = field(default_factory=dict)  # feed -> page dict, or a handler
    order_answer: object = None  # handler for POST /v1/orders
    seen: list = field(default_factory=list)  # (method, path) of every request
    streamed: list = field(default_factory=lambda: [0])  # bytes written by endless answers

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/account", self.account)
        app.router.add_get("/v1/sync/{feed}", self.feed)
        app.router.add_route("*", "/v1/orders", self.orders)
        return app

    async def account(self, request):
        self.seen.append((request.method, request.path))
        return web.json_response({"workspace": {"id": "w1", "name": "Hostile", "currency": "MAD"}})

    async def feed(self, request):
        self.seen.append((request.method, request.path))
        answer = self.feeds.get(request.match_info["feed"], EMPTY_PAGE)
        return await answer(request) if callable(answer) else web.json_response(answer)

    async def orders(self, request):
        self.seen.append((request.method, request.path))
        return await self.order_answer(request)

    async def endless(self, request):
        """A JSON-looking answer that never ends (chunked, no length): 1 GiB if read to the end."""
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        await response.write(b'{"data": ["')
        chunk = b"x" * (1024 * 1024)
        for _ in range(1024):
            await response.write(chunk)
            self.streamed[0] += len(chunk)
        return response


def product(remote_id: str, sku: str, price: str, available=3) -> dict:
    return {
        "id": remote_id,
        "sku": sku,
        "name": f"Product {sku}",
        "kind": "simple",
        "price": price,
        "active": True,
        "variants": [
            {
                "id": f"{remote_id}-v",
                "sku": sku,
                "name": f"Product {sku}",
                "attributes": {},
                "price": None,
                "available": available,
                "active": True,
            }
        ],
    }


def page(*entries) -> dict:
    return {"data": list(entries), "next_cursor": "c1", "has_more": False}
