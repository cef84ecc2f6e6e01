"""/openapi.json tells the truth about the order and customer routes."""


async def test_the_document_describes_orders_and_resolution(helper):
    async with await helper.get("/openapi.json") as answer:
        doc = await answer.json()
    create = doc["paths"]["/v1/orders"]["post"]
    assert [p["name"] for p in create["parameters"] if p["in"] == "header"] == ["Idempotency-Key"]
    assert create["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/OrderOut"
    )
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/OrderRequest"
    )
    order = doc["components"]["schemas"]["OrderOut"]
    for field in (
        "number",
        "stage",
        "customer",
        "lines",
        "catalog_total",
        "lines_total",
        "total",
        "adjustment",
        "currency",
        "sync_state",
        "warnings",
        "automation_message",
    ):
        assert field in order["properties"], field
    line = doc["components"]["schemas"]["LineIn"]
    assert line["properties"]["kind"]["enum"] == ["catalog", "free", "delivery"]
    resolve = doc["paths"]["/v1/customers/resolve"]["get"]
    assert {p["name"] for p in resolve["parameters"]} == {"phone", "conversation", "title_key"}
    assert resolve["security"] == [{"bearer": []}]
    history = doc["paths"]["/v1/orders"]["get"]
    assert {p["name"] for p in history["parameters"]} == {
        "conversation",
        "customer",
        "limit",
        "cursor",
        "title_key",
    }
    assert "/v1/orders/{order_id}" in doc["paths"]
