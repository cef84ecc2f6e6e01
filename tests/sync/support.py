"""Building blocks for sync tests: a demo store in this process, orders made by the orders service."""

import asyncio
import json
import uuid
from pathlib import Path

from sendocki_helper.schemas.orders import OrderRequest
from sendocki_helper.services import connection, demo, idempotency, orders, outbox
from sendocki_helper.store.db import Store
from sendocki_helper.store.models import Order, OutboxItem
from sendocki_helper.sync import credentials
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.dispatcher import Dispatcher
from tests.sandbox.server import API_KEY


def order_request(i: int, **changes) -> OrderRequest:
    body = {
        "customer": {
            "name": f"Client {i}",
            "phone": f"06 61 00 {i // 100:02d} {i % 100:02d}",
            "address": {"line": f"{i} Rue Atlas", "city": "Casablanca"},
        },
        "lines": [
            {"kind": "catalog", "sku": "SAC-CUIR-NOIR", "quantity": 1},
            {"kind": "free", "name": "Emballage cadeau", "unit_price": "15.00", "quantity": 2},
        ],
        "note": f"order {i}",
    }
    body.update(changes)
    return OrderRequest.model_validate(body)


async def demo_store(data_dir: Path) -> Store:
    store = Store(data_dir / "helper.sqlite3")
    await store.run(demo.seed_demo)
    return store


async def make_orders(store: Store, count: int, start: int = 0) -> list[str]:
    ids = []
    for i in range(start, start + count):
        created = await store.run(
            orders.create_order,
            idempotency.KeyedRequest("p_test", str(uuid.uuid4()), "POST", "/v1/orders"),
            order_request(i),
        )
        ids.append(json.loads(created.answer_json)["id"])
    return ids


async def connect(store: Store, data_dir: Path, api_url: str, api_key: str = API_KEY) -> None:
    credentials.save(data_dir, credentials.Credentials(api_url, api_key))
    await store.run(connection.mark_connected, api_url, "Sandbox shop")


def dispatcher_for(store: Store, client: SendockiClient, **options) -> Dispatcher:
    options.setdefault("backoff_cap", 0.2)
    return Dispatcher(store, lambda: client, **options)


async def drain_until_settled(dispatcher: Dispatcher, store: Store, rounds: int = 200) -> None:
    """Runs the dispatcher until no row is pending or in flight (each round waits out the backoff)."""
    for _ in range(rounds):
        await dispatcher.drain()
        if not await store.run(active_rows):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox never settled")


def active_rows() -> int:
    return OutboxItem.select().where(OutboxItem.status.in_(outbox.ACTIVE)).count()


def order_states() -> dict[str, tuple]:
    return {o.id: (o.sync_state, o.remote_number) for o in Order.select()}


def outbox_rows() -> list[OutboxItem]:
    return list(OutboxItem.select().order_by(OutboxItem.id))
