"""Pairing codes: single use, 10-minute life, lock-out after 20 wrong codes, revocation."""

import hashlib
import hmac
import json
import logging

from sendocki_helper.services import pairing
from sendocki_helper.store.models import PairingCode


async def pair_with(helper, code: str, name: str = "Chrome"):
    async with helper.session.post(
        helper.base_url + "/v1/pairings", json={"code": code, "client_name": name}
    ) as answer:
        return answer.status, await answer.json()


async def test_code_gives_a_token_that_opens_the_api(helper):
    code = await helper.store.run(pairing.issue_code)
    assert len(code) >= 6 and code.isdigit()
    status, body = await pair_with(helper, code)
    assert status == 201
    assert body["helper_id"].startswith("h_")
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={"Authorization": f"Bearer {body['token']}"}
    ) as answer:
        assert answer.status == 200


async def test_a_code_works_once(helper):
    code = await helper.store.run(pairing.issue_code)
    assert (await pair_with(helper, code))[0] == 201
    status, body = await pair_with(helper, code)
    assert status == 403
    assert body["code"] == "pairing_code_used"


async def test_an_expired_code_is_refused(helper):
    code = await helper.store.run(pairing.issue_code)

    def expire():
        PairingCode.update(expires_at="2000-01-01T00:00:00.000000Z").execute()

    await helper.store.run(expire)
    assert (await pair_with(helper, code))[0] == 403


async def test_codes_live_ten_minutes(helper):
    await helper.store.run(pairing.issue_code)
    row = await helper.store.run(
        lambda: PairingCode.select().order_by(PairingCode.id.desc()).first()
    )
    from sendocki_helper.clock import parse_iso

    assert round((parse_iso(row.expires_at) - parse_iso(row.created_at)).total_seconds()) == 600


async def test_twenty_wrong_codes_lock_pairing_even_for_the_right_code(helper, caplog):
    good = await helper.store.run(pairing.issue_code)
    wrong = "00000000" if good != "00000000" else "11111111"
    caplog.set_level(logging.WARNING, logger="sendocki_helper.pairing")
    for _attempt in range(pairing.MAX_FAILURES - 1):
        assert (await pair_with(helper, wrong))[0] == 403
    assert (await pair_with(helper, wrong))[0] == 403  # the twentieth trips the lock
    assert any("locked" in record.getMessage().lower() for record in caplog.records)
    status, body = await pair_with(helper, good)
    assert status == 429
    assert body["code"] == "pairing_locked"
    # A code issued during the lock is refused too, until the lock ends.
    fresh = await helper.store.run(pairing.issue_code)
    assert (await pair_with(helper, fresh))[0] == 429


async def test_lock_ends_and_a_new_code_works(helper):
    from sendocki_helper.services import settings

    await helper.store.run(settings.put, "pairing_locked_until", "2000-01-01T00:00:00.000000Z")
    code = await helper.store.run(pairing.issue_code)
    assert (await pair_with(helper, code))[0] == 201


async def test_nineteen_wrong_codes_then_right_one_still_pairs(helper):
    good = await helper.store.run(pairing.issue_code)
    for _ in range(pairing.MAX_FAILURES - 1):
        await pair_with(helper, "99999999" if good != "99999999" else "88888888")
    assert (await pair_with(helper, good))[0] == 201


async def test_revoked_token_is_refused(helper):
    token = await helper.pair("Second browser")
    rows = await helper.store.run(pairing.list_pairings)
    second = next(r for r in rows if r["name"] == "Second browser")
    assert await helper.store.run(pairing.revoke, second["id"])
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={"Authorization": f"Bearer {token}"}
    ) as answer:
        assert answer.status == 401
    async with await helper.get("/v1/status") as answer:  # the other browser is untouched
        assert answer.status == 200


async def test_pairings_record_last_use(helper):
    async with await helper.get("/v1/status") as answer:
        assert answer.status == 200
    rows = await helper.store.run(pairing.list_pairings)
    assert rows[0]["last_used_at"] is not None


async def test_last_use_is_written_at_most_once_a_minute(helper):
    """Every request authenticates; only a last use older than a minute costs a write."""
    from sendocki_helper import clock
    from sendocki_helper.services.sql import execute

    async def last_used() -> str:
        rows = await helper.store.run(pairing.list_pairings)
        return rows[0]["last_used_at"]

    async def set_last_used(value: str) -> None:
        await helper.store.run(execute, "UPDATE pairings SET last_used_at = ?", (value,))

    recent = clock.iso_in(seconds=-30)
    await set_last_used(recent)
    async with await helper.get("/v1/status") as answer:
        assert answer.status == 200
    assert await last_used() == recent  # within the minute: no write

    stale = clock.iso_in(seconds=-90)
    await set_last_used(stale)
    async with await helper.get("/v1/status") as answer:
        assert answer.status == 200
    refreshed = await last_used()
    assert refreshed > clock.iso_in(seconds=-10)


async def test_a_browser_can_revoke_its_own_pairing(helper):
    other = await helper.pair("Other browser")
    async with helper.session.delete(
        helper.base_url + "/v1/pairings/current", headers=helper.auth
    ) as answer:
        assert answer.status == 204
    async with await helper.get("/v1/status") as answer:
        assert answer.status == 401
    async with helper.session.get(
        helper.base_url + "/v1/status", headers={"Authorization": f"Bearer {other}"}
    ) as answer:
        assert answer.status == 200  # only the caller's own pairing is revoked


async def test_revoking_needs_a_token(helper):
    async with helper.session.delete(helper.base_url + "/v1/pairings/current") as answer:
        assert answer.status == 401


async def test_ping_proves_knowledge_of_the_token_without_revealing_it(helper):
    rows = await helper.store.run(pairing.list_pairings)
    pairing_id = rows[0]["id"]
    nonce = "0123456789abcdef0123456789abcdef"
    async with helper.session.get(
        helper.base_url + f"/v1/ping?pairing={pairing_id}&nonce={nonce}"
    ) as answer:
        body = await answer.json()
    # HKDF-SHA256 (RFC 5869, one block) of the token, then HMAC over label, nonce, id and port.
    prk = hmac.new(b"sendocki-helper", helper.token.encode(), hashlib.sha256).digest()
    key = hmac.new(prk, b"ping-proof v2\x01", hashlib.sha256).digest()
    message = f"sendocki-ping-v2\n{nonce}\n{body['helper_id']}\n{helper.port}".encode()
    assert body["proof"] == hmac.new(key, message, hashlib.sha256).hexdigest()
    assert helper.token not in json.dumps(body)
    async with helper.session.get(
        helper.base_url + f"/v1/ping?pairing=pr_unknown&nonce={nonce}"
    ) as answer:
        assert (await answer.json())["proof"] is None
    async with helper.session.get(helper.base_url + "/v1/ping") as answer:
        assert (await answer.json())["proof"] is None
    async with helper.session.get(
        helper.base_url + f"/v1/ping?pairing={pairing_id}&nonce=short"
    ) as answer:
        assert answer.status == 422


def test_hkdf_matches_rfc_5869_test_case_1():
    from sendocki_helper.services.ping_proof import hkdf_sha256

    okm = hkdf_sha256(
        bytes.fromhex("0b" * 22),
        bytes.fromhex("000102030405060708090a0b0c"),
        bytes.fromhex("f0f1f2f3f4f5f6f7f8f9"),
        42,
    )
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )
