"""GET /v1/cities/match, /v1/delivery/quote and /v1/delivery over a real socket."""

from decimal import Decimal

from sendocki_helper.services import delivery


async def get(helper, path, **params):
    async with await helper.get(path, params=params) as response:
        return response.status, await response.json(content_type=None)


async def test_city_match_for_a_field_and_inside_an_address(helper):
    status, answer = await get(helper, "/v1/cities/match", text="dar el beida")
    assert status == 200
    assert answer["city"]["key"] == "casablanca" and answer["city"]["name"] == "Casablanca"
    assert answer["city"]["names"]["ar"] == "الدار البيضاء"
    _, inside = await get(helper, "/v1/cities/match", text="Appt 3, 12 rue de Fès, Casa 20250")
    assert (inside["city"]["key"], inside["found"]) == ("casablanca", "Casa")
    _, none = await get(helper, "/v1/cities/match", text="bonjour")
    assert none == {"city": None, "found": None}
    status, problem = await get(helper, "/v1/cities/match", text="x" * 501)
    assert status == 422 and problem["errors"][0]["field"] == "text"


async def test_quote_and_setting(helper):
    status, nothing = await get(helper, "/v1/delivery/quote", city="Casablanca")
    assert status == 200 and nothing["rule"] is None and nothing["due"] is None
    await helper.store.run(
        delivery.replace,
        [delivery.FeeRow("casablanca", "Casablanca", Decimal("20.00"))],
        Decimal("35.00"),
        Decimal("500.00"),
        "file",
    )
    _, casa = await get(helper, "/v1/delivery/quote", city="الدار البيضاء", products_total="120.00")
    assert casa == {
        "city_key": "casablanca",
        "city": "Casablanca",
        "city_names": {"fr": "Casablanca", "en": "Casablanca", "ar": "الدار البيضاء"},
        "fee": "20.00",
        "due": "20.00",
        "free_above": "500.00",
        "rule": "city",
    }
    _, free = await get(helper, "/v1/delivery/quote", city="Casa", products_total="500.00")
    assert (free["due"], free["rule"]) == ("0.00", "free")
    _, other = await get(helper, "/v1/delivery/quote", city="Tiznit")
    assert (other["city"], other["fee"], other["rule"]) == ("Tiznit", "35.00", "default")
    status, problem = await get(helper, "/v1/delivery/quote", city="Casa", products_total="-1")
    assert status == 422 and problem["errors"][0]["field"] == "products_total"
    _, setting = await get(helper, "/v1/delivery")
    assert setting == {
        "fees": [{"city_key": "casablanca", "city": "Casablanca", "fee": "20.00"}],
        "default_fee": "35.00",
        "free_above": "500.00",
        "source": "file",
    }
