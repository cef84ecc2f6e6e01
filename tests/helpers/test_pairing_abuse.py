"""Nobody but the seller's own extension can pair or keep pairing locked."""

import asyncio

from sendocki_helper.config import PUBLISHED_EXTENSION_ID, HelperConfig
from sendocki_helper.services import pairing, settings
from sendocki_helper.services.settings import get as setting

OURS = f"chrome-extension://{PUBLISHED_EXTENSION_ID}"
ANOTHER_EXTENSION = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"


async def redeem(helper, code: str, origin: str | None = None):
    headers = {"Origin": origin} if origin else {}
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        json={"code": code, "client_name": "Chrome"},
        headers=headers,
    ) as answer:
        return answer.status, await answer.json()


async def test_another_extension_cannot_pair_nor_spend_the_sellers_tries(helper):
    good = await helper.store.run(pairing.issue_code)
    for _ in range(pairing.MAX_FAILURES * 2):
        status, body = await redeem(helper, "00000000", ANOTHER_EXTENSION)
        assert (status, body["code"]) == (403, "pairing_origin_refused")
    status, body = await redeem(helper, good, ANOTHER_EXTENSION)
    assert (status, body["code"]) == (403, "pairing_origin_refused")
    assert await helper.store.run(setting, "pairing_failures", "0") == "0"
    status, body = await redeem(helper, good, OURS)
    assert status == 201, body


async def test_parallel_redeems_of_one_right_code_pair_once_and_lock_nothing(helper):
    good = await helper.store.run(pairing.issue_code)
    answers = await asyncio.gather(*(redeem(helper, good, OURS) for _ in range(20)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [403] * 19
    assert {body["code"] for status, body in answers if status == 403} == {"pairing_code_used"}
    fresh = await helper.store.run(pairing.issue_code)
    assert (await redeem(helper, fresh, OURS))[0] == 201, "no lock after a double click"


async def test_a_lock_is_short_and_keeps_the_sellers_code(helper):
    good = await helper.store.run(pairing.issue_code)
    for _ in range(pairing.MAX_FAILURES):
        await redeem(helper, "00000000" if good != "00000000" else "11111111")
    async with helper.session.post(
        helper.base_url + "/v1/pairings",
        json={"code": good, "client_name": "Chrome"},
        headers={"Origin": OURS},
    ) as answer:
        assert answer.status == 429
        assert (await answer.json())["code"] == "pairing_locked"
        assert int(answer.headers["Retry-After"]) <= 60, "a minute, not five"
    # The lock ends: the code shown to the seller still works (it was not voided).
    await helper.store.run(settings.put, "pairing_locked_until", "2000-01-01T00:00:00.000000Z")
    assert (await redeem(helper, good, OURS))[0] == 201


def test_a_development_build_id_is_accepted_when_named():
    config = HelperConfig(extension_ids=(PUBLISHED_EXTENSION_ID, "a" * 32))
    assert f"chrome-extension://{'a' * 32}" in config.pairing_origins
    assert ANOTHER_EXTENSION not in config.pairing_origins
