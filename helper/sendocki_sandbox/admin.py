"""Admin endpoints under /_sandbox/: faults, and workspace changes for pulls to bring back.

No authentication: the sandbox binds 127.0.0.1 and exists for development and tests.
"""

import json

from aiohttp import web

from sendocki_sandbox import money, pipeline
from sendocki_sandbox.clock import now
from sendocki_sandbox.db import set_meta, transaction
from sendocki_sandbox.entities import add_product, bury, touch
from sendocki_sandbox.problems import Problem, invalid


def _answer(data, status=200):
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


async def _body(request) -> dict:
    try:
        body = json.loads(await request.read() or b"{}")
    except ValueError:
        raise Problem(400, "invalid_request", "The body is not valid JSON") from None
    if not isinstance(body, dict):
        raise Problem(400, "invalid_request", "The body must be a JSON object")
    return body


def _money(body, field):
    try:
        return money.parse(body[field])
    except ValueError as error:
        raise invalid("Invalid change", [{"field": field, "message": str(error)}]) from None


def add_routes(app: web.Application, conn_key, faults_key) -> None:
    # Each route is declared on its handler; the handlers close over the app's keys.
    routes = web.RouteTableDef()

    def conn(request):
        return request.app[conn_key]

    @routes.get("/_sandbox/faults")
    async def get_faults(request):
        return _answer(request.app[faults_key].as_dict())

    @routes.post("/_sandbox/faults")
    async def post_faults(request):
        try:
            request.app[faults_key].update(await _body(request))
        except (ValueError, TypeError) as error:
            raise Problem(422, "validation_error", str(error)) from None
        return _answer(request.app[faults_key].as_dict())

    @routes.get("/_sandbox/orders")
    async def list_orders(request):
        rows = (
            conn(request)
            .execute(
                "SELECT id, number, client_reference, idempotency_key, customer_id, stage_id, total,"
                " created_at, created_by, body FROM orders ORDER BY number"
            )
            .fetchall()
        )
        changes = {}
        for change in conn(request).execute(
            "SELECT order_id, from_stage_id, to_stage_id, at, agent_id, client_reference, source"
            " FROM stage_changes ORDER BY id"
        ):
            changes.setdefault(change["order_id"], []).append(dict(change))
        # The body as received, so tests can check what a client really sent under its key.
        return _answer(
            {
                "orders": [
                    dict(row)
                    | {
                        "total": money.to_text(row["total"]),
                        "body": json.loads(row["body"]),
                        "stage_changes": changes.get(row["id"], []),
                    }
                    for row in rows
                ]
            }
        )

    def product_by_sku(request):
        row = (
            conn(request)
            .execute("SELECT * FROM products WHERE sku = ?", (request.match_info["sku"],))
            .fetchone()
        )
        if row is None:
            raise Problem(404, "not_found", "No such product")
        return row

    @routes.patch("/_sandbox/products/{sku}")
    async def patch_product(request):
        body = await _body(request)
        row = product_by_sku(request)
        db = conn(request)
        with transaction(db):
            if "name" in body:
                db.execute(
                    "UPDATE products SET name = ? WHERE id = ?", (str(body["name"]), row["id"])
                )
            if "price" in body:
                db.execute(
                    "UPDATE products SET price = ? WHERE id = ?", (_money(body, "price"), row["id"])
                )
            if "images" in body:
                db.execute(
                    "UPDATE products SET images = ? WHERE id = ?",
                    (json.dumps([str(url) for url in body["images"] or []]), row["id"]),
                )
            if "active" in body:
                db.execute(
                    "UPDATE products SET active = ? WHERE id = ?",
                    (int(bool(body["active"])), row["id"]),
                )
            db.execute("UPDATE products SET updated_at = ? WHERE id = ?", (now(), row["id"]))
            touch(db, "products", row["id"])
        return _answer({"id": row["id"]})

    @routes.delete("/_sandbox/products/{sku}")
    async def delete_product(request):
        row = product_by_sku(request)
        with transaction(conn(request)) as db:
            bury(db, "catalog", "products", row["id"])
        return web.Response(status=204)

    @routes.post("/_sandbox/products")
    async def post_product(request):
        body = await _body(request)
        db = conn(request)
        with transaction(db):
            variants = [
                dict(v, price=_money(v, "price") if v.get("price") else None)
                for v in body.get("variants") or []
            ]
            product_id = add_product(
                db,
                body["sku"],
                body["name"],
                _money(body, "price"),
                variants or None,
                stock=int(body.get("available", 0)),
                images=[str(url) for url in body.get("images") or []],
            )
        return _answer({"id": product_id}, 201)

    @routes.patch("/_sandbox/variants/{sku}")
    async def patch_variant(request):
        body = await _body(request)
        db = conn(request)
        row = db.execute(
            "SELECT * FROM variants WHERE sku = ?", (request.match_info["sku"],)
        ).fetchone()
        if row is None:
            raise Problem(404, "not_found", "No such variant")
        with transaction(db):
            if "available" in body:
                db.execute(
                    "UPDATE variants SET available = ? WHERE id = ?",
                    (int(body["available"]), row["id"]),
                )
            if "price" in body:
                price = None if body["price"] is None else _money(body, "price")
                db.execute("UPDATE variants SET price = ? WHERE id = ?", (price, row["id"]))
            if "name" in body:
                db.execute(
                    "UPDATE variants SET name = ? WHERE id = ?", (str(body["name"]), row["id"])
                )
            touch(db, "products", row["product_id"])
        return _answer({"id": row["id"]})

    @routes.patch("/_sandbox/customers/{id}")
    async def patch_customer(request):
        body = await _body(request)
        db = conn(request)
        customer_id = request.match_info["id"]
        if not db.execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone():
            raise Problem(404, "not_found", "No such customer")
        with transaction(db):
            for field in ("name", "phone", "email"):
                if field in body:
                    db.execute(
                        f"UPDATE customers SET {field} = ? WHERE id = ?", (body[field], customer_id)
                    )
            db.execute("UPDATE customers SET updated_at = ? WHERE id = ?", (now(), customer_id))
            touch(db, "customers", customer_id)
        return _answer({"id": customer_id})

    @routes.delete("/_sandbox/customers/{id}")
    async def delete_customer(request):
        with transaction(conn(request)) as db:
            bury(db, "customers", "customers", request.match_info["id"])
        return web.Response(status=204)

    @routes.patch("/_sandbox/stages/{id}")
    async def patch_stage(request):
        body = await _body(request)
        db = conn(request)
        stage_id = request.match_info["id"]
        with transaction(db):
            for field in (
                "name",
                "color",
                "active",
                "message_template",
                "description",
                "automated_message",
            ):
                if field in body:
                    flag = field in ("active", "automated_message")
                    value = int(bool(body[field])) if flag else body[field]
                    db.execute(f"UPDATE stages SET {field} = ? WHERE id = ?", (value, stage_id))
            touch(db, "stages", stage_id)
        return _answer({"id": stage_id})

    @routes.post("/_sandbox/orders")
    async def post_order(request):
        return _answer(pipeline.create_elsewhere(conn(request), await _body(request)), 201)

    @routes.post("/_sandbox/orders/{id}/stage")
    async def post_order_stage(request):
        return _answer(
            pipeline.admin_move(conn(request), request.match_info["id"], await _body(request))
        )

    def listing(table):
        async def handler(request):
            found = conn(request).execute(f"SELECT * FROM {table} ORDER BY seq").fetchall()
            return _answer({table: [dict(row) for row in found]})

        return handler

    for table in ("stages", "agents"):
        routes.get(f"/_sandbox/{table}")(listing(table))

    @routes.put("/_sandbox/delivery-fees")
    async def put_delivery_fees(request):
        """The account's delivery fee by city, as GET /v1/delivery-fees serves it."""
        body = await _body(request)
        setting = {
            "fees": [
                {"city": str(row["city"]), "fee": str(row["fee"])} for row in body.get("fees") or []
            ],
            "default_fee": body.get("default_fee"),
            "free_above": body.get("free_above"),
        }
        with transaction(conn(request)) as db:
            set_meta(db, "delivery_fees", json.dumps(setting, ensure_ascii=False))
        return _answer(setting)

    app.add_routes(routes)
