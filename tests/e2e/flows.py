"""Steps the full-flow tests share: pairing through the options page, reading the helper's API."""

import json
import urllib.error
import urllib.parse
import urllib.request

from playwright.async_api import expect

from tests.browser.harness import PINNED_ID

OPTIONS = f"chrome-extension://{PINNED_ID}/options.html"


async def pair_through_options(env) -> None:
    page = await env["ctx"].new_page()
    try:
        await page.goto(OPTIONS)
        await expect(page.get_by_role("status")).to_contain_text("not connected yet")
        await expect(page.get_by_label("Connection number (port)")).to_have_value(
            str(env["helper"].port)
        )
        await page.get_by_label("Connection code").fill(env["helper"].pairing_code())
        await page.get_by_role("button", name="Connect this browser", exact=True).click()
        await expect(page.locator("#error")).to_have_text("")
        await expect(page.get_by_role("status")).to_have_text(
            "Connected to the Sendocki app on this computer."
        )
    finally:
        await page.close()


async def worker_token(env) -> str | None:
    """The token as the worker keeps it: in the extension origin's IndexedDB (token-store.js)."""
    return await env["worker"].evaluate(
        "self.SendockiWorker.tokenStore.createTokenStore(indexedDB).get()"
    )


async def helper_get(env, path: str, **params) -> dict:
    """Reads what the helper stored, with the token the extension got at pairing."""
    token = await worker_token(env)
    url = env["helper"].base_url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


async def helper_post(env, path: str, body: dict, headers: dict | None = None) -> dict:
    """Writes through the helper's API as another client would, with the extension's token."""
    token = await worker_token(env)
    request = urllib.request.Request(
        env["helper"].base_url + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            **(headers or {}),
        },
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


def helper_status(env, path: str, token: str) -> int:
    """The helper's HTTP status for a GET with this token (401 once the pairing is revoked)."""
    request = urllib.request.Request(
        env["helper"].base_url + path, headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


async def orders_of(env, chat_key: str) -> list:
    return (await helper_get(env, "/v1/orders", conversation=chat_key, limit=100))["orders"]
