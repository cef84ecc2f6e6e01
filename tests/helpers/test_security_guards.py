"""Each guard of docs/security.md ("Who may call the helper"), through a real socket. Each test fails if its guard goes."""

import asyncio

from sendocki_helper.config import PUBLISHED_EXTENSION_ID
from sendocki_helper.services import pairing
from sendocki_helper.store.models import Pairing


async def raw_request(port: int, request: bytes) -> bytes:
    """Send bytes exactly as given (aiohttp would fix up a forged Host header)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    return raw


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1])


async def test_foreign_host_is_misdirected(helper):
    # A DNS-rebinding page reaches 127.0.0.1 with its own name in Host.
    raw = await raw_request(
        helper.port,
        b"GET /v1/ping HTTP/1.1\r\nHost: attacker.example:%d\r\nConnection: close\r\n\r\n"
        % helper.port,
    )
    assert status_of(raw) == 421
    assert b"sendocki" not in raw.lower()


async def test_host_with_other_port_is_misdirected(helper):
    raw = await raw_request(
        helper.port, b"GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n"
    )
    assert status_of(raw) == 421


async def test_localhost_and_loopback_hosts_are_accepted(helper):
    for host in (b"127.0.0.1", b"localhost", b"LOCALHOST"):
        raw = await raw_request(
            helper.port,
            b"GET /v1/ping HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n\r\n"
            % (host, helper.port),
        )
        assert status_of(raw) == 200, host


async def test_web_origins_are_refused_even_with_a_token(helper):
    for origin in (
        "https://evil.example",
        "http://127.0.0.1:8000",
        "null",
        "https://web.whatsapp.com",
    ):
        async with await helper.get("/v1/workspace", headers={"Origin": origin}) as answer:
            assert answer.status == 403, origin
            assert "sendocki" not in (await answer.text()).lower()
            assert "X-Sendocki-Helper" not in answer.headers


async def test_web_origin_cannot_pair(helper):
    code_answer = await helper.session.post(
        helper.base_url + "/v1/pairings",
        json={"code": "12345678", "client_name": "x"},
        headers={"Origin": "https://evil.example"},
    )
    assert code_answer.status == 403


async def test_preflight_from_web_origin_gets_no_allow_headers(helper):
    async with helper.session.options(
        helper.base_url + "/v1/orders",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    ) as answer:
        assert "Access-Control-Allow-Origin" not in answer.headers
        assert answer.status == 403


async def test_preflight_from_pinned_extension_echoes_exactly(helper):
    extension = f"chrome-extension://{PUBLISHED_EXTENSION_ID}"
    code = await helper.store.run(pairing.issue_code)
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        json={"code": code, "client_name": "ext"},
        headers={"Origin": extension},
    ) as answer:
        assert answer.status == 201
    async with helper.session.options(
        helper.base_url + "/v1/workspace", headers={"Origin": extension}
    ) as answer:
        assert answer.headers.get("Access-Control-Allow-Origin") == extension
        assert answer.headers.get("Vary") == "Origin"
    other = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
    async with helper.session.options(
        helper.base_url + "/v1/workspace", headers={"Origin": other}
    ) as answer:
        assert "Access-Control-Allow-Origin" not in answer.headers


async def test_token_pinned_to_extension_origin_refuses_another_extension(helper):
    extension = f"chrome-extension://{PUBLISHED_EXTENSION_ID}"
    code = await helper.store.run(pairing.issue_code)
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        json={"code": code, "client_name": "ext"},
        headers={"Origin": extension},
    ) as answer:
        token = (await answer.json())["token"]
    auth = {"Authorization": f"Bearer {token}"}
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={**auth, "Origin": extension}
    ) as answer:
        assert answer.status == 200
    async with helper.session.get(
        helper.base_url + "/v1/status",
        headers={**auth, "Origin": "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"},
    ) as answer:
        assert answer.status == 401


async def test_routes_need_a_bearer_token(helper):
    for path in ("/v1/status", "/v1/workspace", "/openapi.json"):
        async with helper.session.get(helper.base_url + path) as answer:
            assert answer.status == 401, path
            assert answer.content_type == "application/problem+json"
            assert (await answer.json())["code"] == "unauthorized"


async def test_wrong_token_and_query_string_token_are_refused(helper):
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={"Authorization": "Bearer nope"}
    ) as answer:
        assert answer.status == 401
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={"Authorization": helper.token}
    ) as answer:
        assert answer.status == 401  # the scheme is required
    async with helper.session.get(helper.base_url + f"/v1/status?token={helper.token}") as answer:
        assert answer.status == 401


async def test_token_is_stored_only_as_a_digest(helper):
    hashes = await helper.store.run(lambda: [p.token_hash for p in Pairing.select()])
    assert helper.token not in hashes
    assert all(len(h) == 64 for h in hashes)


async def test_ping_and_pairing_need_no_token(helper):
    async with helper.session.get(helper.base_url + "/v1/ping") as answer:
        assert answer.status == 200
        body = await answer.json()
        assert body["product"] == "sendocki-helper"
        assert body["helper_id"].startswith("h_")


async def test_non_json_body_is_unsupported(helper):
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        data='{"code":"12345678","client_name":"x"}',
        headers={"Content-Type": "text/plain"},
    ) as answer:
        assert answer.status == 415
        assert (await answer.json())["code"] == "unsupported_media_type"
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        data="code=12345678",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    ) as answer:
        assert answer.status == 415


async def test_oversized_body_is_refused(helper):
    body = '{"code": "12345678", "client_name": "' + "x" * (300 * 1024) + '"}'
    async with helper.session.post(
        helper.base_url + "/v1/pairings", data=body, headers={"Content-Type": "application/json"}
    ) as answer:
        assert answer.status == 413


async def test_validation_errors_name_the_field(helper):
    async with helper.session.post(
        helper.base_url + "/v1/pairings", json={"code": "12", "client_name": ""}
    ) as answer:
        assert answer.status == 422
        body = await answer.json()
    assert answer.content_type == "application/problem+json"
    assert {e["field"] for e in body["errors"]} == {"code", "client_name"}


async def test_answers_carry_hygiene_headers_and_no_server_banner(helper):
    async with await helper.get("/v1/status") as answer:
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert "Server" not in answer.headers


async def test_unknown_route_is_a_problem_not_a_crash(helper):
    async with await helper.get("/v1/nothing-here") as answer:
        assert answer.status == 404
        assert (await answer.json())["code"] == "not_found"
