"""Orders on the sandbox: idempotency keys honoured, client references unique, clear 422s."""

import uuid

import aiohttp

from tests.sandbox.server import API_KEY

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def order_body(reference: str, **changes) -> dict:
    body = {
        "client_reference": reference,
        "external_number": "WA-000001",
        "customer": {
            "id": None,
            "client_reference": "c_" + reference,
            "name": "Amina Test",
            "phone": "+212661000001",
            "email": None,
        },
        "address": {
            "id": None,
            "client_reference": "a_" + reference,
            "line": "1 Rue X",
            "city": "Fès",
        },
        "stage": {"id": None, "name": "New"},
        "lines": [{"kind": "free", "name": "Emballage", "quantity": 2, "unit_price": "15.00"}],
        "total": "30.00",
        "currency": "MAD",
        "payment_method": "cash_on_delivery",
        "payment_status": "pending",
    }
    body.update(changes)
    return body


async def post(session, sandbox, body, key):
    async with session.post(
        sandbox.url + "/v1/orders", json=body, headers={**AUTH, "Idempotency-Key": key}
    ) as r:
        return r.status, await r.json(), r.headers.get("Idempotent-Replayed")


async def test_same_key_replays_other_body_is_refused_and_references_are_unique(sandbox):
    reference = "o_" + uuid.uuid4().hex
    key = str(uuid.uuid4())
    async with aiohttp.ClientSession() as session:
        status, first, replayed = await post(session, sandbox, order_body(reference), key)
        assert status == 201 and replayed is None
        assert first["number"].startswith("SO-") and first["stage"]["state"] == "new"
        assert first["customer"]["created"] is True and first["total"] == "30.00"

        status, again, replayed = await post(session, sandbox, order_body(reference), key)
        assert (status, again, replayed) == (201, first, "true")

        status, problem, _ = await post(session, sandbox, order_body(reference, total="10.00"), key)
        assert status == 422 and problem["code"] == "idempotency_mismatch"

        status, problem, _ = await post(session, sandbox, order_body(reference), str(uuid.uuid4()))
        assert status == 409 and problem["code"] == "client_reference_exists"
        assert problem["order"] == first

        async with session.get(
            sandbox.url + "/v1/orders", params={"client_reference": reference}, headers=AUTH
        ) as r:
            assert (await r.json())["orders"] == [first]
        async with session.get(
            sandbox.url + "/v1/orders", params={"client_reference": "o_unknown"}, headers=AUTH
        ) as r:
            assert (await r.json())["orders"] == []
    assert sandbox.client_references().count(reference) == 1


async def test_a_second_order_reuses_the_card_and_address_by_client_reference(sandbox):
    first_ref, second_ref = "o_" + uuid.uuid4().hex, "o_" + uuid.uuid4().hex
    async with aiohttp.ClientSession() as session:
        _, first, _ = await post(session, sandbox, order_body(first_ref), str(uuid.uuid4()))
        second_body = order_body(second_ref)
        second_body["customer"]["client_reference"] = "c_" + first_ref
        second_body["address"]["client_reference"] = "a_" + first_ref
        _, second, _ = await post(session, sandbox, second_body, str(uuid.uuid4()))
    assert second["customer"] == {
        "id": first["customer"]["id"],
        "client_reference": "c_" + first_ref,
        "created": False,
    }
    assert second["address"]["id"] == first["address"]["id"]


async def test_invalid_orders_name_each_bad_field_and_create_nothing(sandbox):
    before = len(sandbox.orders())
    body = order_body("o_" + uuid.uuid4().hex, payment_method="cheque", total="-1.00")
    body["lines"] = [{"kind": "free", "name": "X", "quantity": 0, "unit_price": 15.0}]
    body["customer"]["phone"] = "0661000001"
    async with aiohttp.ClientSession() as session:
        status, problem, _ = await post(session, sandbox, body, str(uuid.uuid4()))
        assert status == 422 and problem["code"] == "validation_error"
        fields = {e["field"] for e in problem["errors"]}
        assert fields == {
            "payment_method",
            "total",
            "lines[0].quantity",
            "lines[0].unit_price",
            "customer.phone",
        }
        async with session.post(
            sandbox.url + "/v1/orders", json=order_body("o_x"), headers=AUTH
        ) as r:
            assert r.status == 400 and (await r.json())["code"] == "missing_idempotency_key"
    assert len(sandbox.orders()) == before
