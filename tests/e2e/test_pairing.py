"""Pairing through the options page with a real helper: states, the token kept in the worker
(out of the content scripts' reach, across browser restarts), unpairing."""

import pytest
from playwright.async_api import expect

from tests.browser.harness import isolated_eval

from .flows import OPTIONS, helper_get, helper_status, pair_through_options, worker_token

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_options_page_pairs_shows_the_state_and_unpairs(env):
    await pair_through_options(env)
    token = await worker_token(env)
    assert token and len(token) > 20
    workspace = await helper_get(env, "/v1/workspace")
    assert workspace["default_stage_id"]
    ping = await env["worker"].evaluate(
        "chrome.storage.local.get('helperId').then((v) => v.helperId)"
    )
    page = await env["ctx"].new_page()
    try:
        await page.goto(OPTIONS)
        await expect(page.get_by_role("status")).to_contain_text("Connected to the Sendocki app")
        # Connected: no code to type, no "Connect" button; "Disconnect" instead.
        await expect(
            page.get_by_role("button", name="Connect this browser", exact=True)
        ).to_be_hidden()
        await expect(page.get_by_label("Connection code")).to_be_hidden()
        # The options page asks the worker; it never sees the token itself.
        answer = await page.evaluate("chrome.runtime.sendMessage({type: 'state'})")
        assert answer["data"] == {
            "state": "paired",
            "port": env["helper"].port,
            "helperId": ping,
            "version": "0.1.0",
        }
        assert token not in str(answer)
        await page.get_by_role("button", name="Disconnect this browser").click()
        await expect(page.get_by_role("status")).to_contain_text("not connected yet")
        await expect(page.locator("#error")).to_have_text("")
        assert await worker_token(env) is None
        # Revoked in the helper too: the old token is refused there.
        assert helper_status(env, "/v1/workspace", token) == 401
        # A wrong code is refused and said so.
        await page.get_by_label("Connection code").fill("00000000")
        await page.get_by_role("button", name="Connect this browser", exact=True).click()
        await expect(page.get_by_role("alert")).to_contain_text(
            "The Sendocki app refused this code"
        )
        await pair_through_options(env)
    finally:
        await page.close()


async def test_a_wrong_port_reads_as_helper_not_running(env):
    page = await env["ctx"].new_page()
    try:
        await page.goto(OPTIONS)
        await page.locator("#advanced").evaluate("(d) => { d.open = true; }")
        await page.get_by_label("Connection number (port)").fill("1")
        await page.get_by_label("Connection number (port)").dispatch_event("change")
        await expect(page.get_by_role("status")).to_have_text(
            "The Sendocki app is not running on this computer."
        )
        # The exact way to start it here (Linux: the systemd user unit of docs/install.md).
        await expect(page.locator("#start-command")).to_have_text(
            "systemctl --user start sendocki-helper"
        )
        await page.get_by_label("Connection number (port)").fill(str(env["helper"].port))
        await page.get_by_label("Connection number (port)").dispatch_event("change")
        await expect(page.get_by_role("status")).to_contain_text("Connected to the Sendocki app")
    finally:
        await page.close()


async def open_whatsapp(env):
    page = env["page"]
    await page.goto("https://web.whatsapp.com/")
    await expect(page.get_by_role("button", name="Create an order")).to_be_visible()
    return page


async def test_the_token_is_out_of_the_content_scripts_reach_and_the_worker_still_uses_it(env):
    token = await worker_token(env)
    assert token and len(token) > 20
    page = await open_whatsapp(env)
    # The content script's own world: storage.local holds no token, and the worker's database
    # is not in its origin.
    local = await isolated_eval(
        page, "chrome.storage.local.get(null).then((all) => JSON.stringify(all))"
    )
    assert token not in local and "helperToken" not in local
    names = "indexedDB.databases().then((dbs) => dbs.map((db) => db.name))"
    assert "sendocki-worker" not in await isolated_eval(page, names)
    assert "sendocki-worker" not in await page.evaluate(names)
    # Yet the worker calls the helper with it for the content script.
    answer = await isolated_eval(page, "chrome.runtime.sendMessage({type: 'workspace'})")
    assert answer["ok"] is True and answer["data"]["default_stage_id"]
    assert token not in str(answer)


async def test_the_token_survives_a_browser_restart_and_an_old_one_moves_out_of_storage_local(env):
    token = await worker_token(env)
    await env["restart"]()
    assert await worker_token(env) == token
    page = await env["ctx"].new_page()
    try:
        await page.goto(OPTIONS)
        await expect(page.get_by_role("status")).to_have_text(
            "Connected to the Sendocki app on this computer."
        )
    finally:
        await page.close()
    # As version 0.1.0 left it: the token in storage.local only.
    await env["worker"].evaluate(
        f"Promise.all([chrome.storage.local.set({{helperToken: {token!r}}}),"
        " self.SendockiWorker.tokenStore.createTokenStore(indexedDB).clear()])"
    )
    page = await open_whatsapp(env)
    answer = await isolated_eval(page, "chrome.runtime.sendMessage({type: 'workspace'})")
    assert answer["ok"] is True
    assert await worker_token(env) == token
    local = await isolated_eval(
        page, "chrome.storage.local.get(null).then((all) => JSON.stringify(all))"
    )
    assert token not in local and "helperToken" not in local


async def test_unpair_with_the_helper_unreachable_forgets_the_token_and_says_the_helper_still_accepts_it(
    env,
):
    token = await worker_token(env)
    pairing_id = await env["worker"].evaluate(
        "chrome.storage.local.get('pairingId').then((v) => v.pairingId)"
    )
    assert token and pairing_id
    page = await env["ctx"].new_page()
    try:
        await page.goto(OPTIONS)
        await page.locator("#advanced").evaluate("(d) => { d.open = true; }")
        await page.get_by_label("Connection number (port)").fill("1")
        await page.get_by_label("Connection number (port)").dispatch_event("change")
        await expect(page.get_by_role("status")).to_contain_text("not running on this computer")
        await page.get_by_role("button", name="Disconnect this browser").click()
        await expect(page.get_by_role("alert")).to_contain_text("the Sendocki app did not answer")
        await expect(page.get_by_role("alert")).to_contain_text(
            f"sendocki-helper pairings --revoke {pairing_id}"
        )
        assert await worker_token(env) is None
        await page.get_by_label("Connection number (port)").fill(str(env["helper"].port))
        await page.get_by_label("Connection number (port)").dispatch_event("change")
        await expect(page.get_by_role("status")).to_contain_text("not connected yet")
        await expect(page.get_by_role("button", name="Disconnect this browser")).to_be_hidden()
        # What the message says: the helper never heard of the unpairing.
        assert helper_status(env, "/v1/workspace", token) == 200
    finally:
        await page.close()
    await pair_through_options(env)
