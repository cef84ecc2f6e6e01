"""Order test support: a valid body to start from, calls, and direct reads of the store."""

import copy
import uuid

from sendocki_helper.store.models import Variant

BASE_ORDER = {
    "customer": {
        "id": None,
        "name": "Fatima Zahra",
        "phone": "06 11 22 33 44",
        "email": None,
        "address_id": None,
        "address": {"line": "12 Rue Atlas, Maarif", "city": "Casablanca"},
    },
    "lines": [
        {"kind": "catalog", "sku": "SAC-CUIR-NOIR", "quantity": 2},
        {"kind": "catalog", "sku": "TSH-BLANC-M", "quantity": 1, "unit_price": "129.00"},
        {"kind": "free", "name": "Emballage cadeau", "unit_price": "15.00", "quantity": 1},
    ],
    "total": "500.00",
    "stage_id": None,
    "payment_method": "cash_on_delivery",
    "payment_status": "pending",
    "agent_id": None,
    "team_id": None,
    "note": "Livrer après 18h",
    "conversation": {"chat_key": "212611223344@c.us", "display_name": "Fatima Zahra"},
}


def order_body(**changes) -> dict:
    body = copy.deepcopy(BASE_ORDER)
    body.update(copy.deepcopy(changes))
    return body


def new_key() -> str:
    return str(uuid.uuid4())


async def post_order_raw(helper, body, key=None):
    """(status, json, headers) of POST /v1/orders with a fresh key unless one is given."""
    async with await helper.post(
        "/v1/orders", json=body, headers={"Idempotency-Key": key or new_key()}
    ) as r:
        return r.status, await r.json(), r.headers


async def post_order(helper, body, key=None):
    status, answer, _ = await post_order_raw(helper, body, key)
    return status, answer


async def get_json(helper, path, **params):
    async with await helper.get(path, params=params) as r:
        return r.status, await r.json()


async def variant_id(helper, sku: str) -> str:
    return await helper.store.run(lambda: Variant.get(Variant.sku == sku).id)


def field_errors(problem: dict) -> dict[str, str]:
    return {e["field"]: e["message"] for e in problem.get("errors", [])}
