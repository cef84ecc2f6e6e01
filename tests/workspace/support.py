"""Workspace test support: an order made by the orders service in this process, without catalog
lines (a fresh workspace has no catalog)."""

import json
import uuid

from sendocki_helper.services import idempotency, orders
from tests.sync.support import order_request


def create_free_order(i: int = 1) -> str:
    """Runs on the store's thread (or with the database open); returns the order's id."""
    request = order_request(i)
    request.lines = [line for line in request.lines if line.kind == "free"]
    key = idempotency.KeyedRequest("p_test", str(uuid.uuid4()), "POST", "/v1/orders")
    return json.loads(orders.create_order(key, request).answer_json)["id"]
