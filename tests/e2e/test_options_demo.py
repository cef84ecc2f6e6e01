"""The settings page tells a demo helper from the seller's own: the note shows only for the demo
(screenshots in en/fr/ar, light and dark), and a refused code is explained in the helper's words."""

import shutil
import tempfile

import pytest
from playwright.async_api import async_playwright, expect

from tests.browser.harness import PINNED_ID, RESULTS, extension_worker

from .conftest import launch

pytestmark = pytest.mark.asyncio(loop_scope="module")
OPTIONS = f"chrome-extension://{PINNED_ID}/options.html"


async def settings_page(pw, profile, locale, port):
    ctx = await launch(pw, profile, locale)
    worker = await extension_worker(ctx)
    await worker.evaluate(f"chrome.storage.local.set({{helperPort: {port}}})")
    page = await ctx.new_page()
    return ctx, page


@pytest.mark.parametrize(
    "locale,theme", [("en", "light"), ("fr", "light"), ("ar", "light"), ("en", "dark")]
)
async def test_the_demo_note_shows_for_a_demo_helper(helper, locale, theme):
    profile = tempfile.mkdtemp(prefix=f"sendocki-demo-{locale}-")
    try:
        async with async_playwright() as pw:
            ctx, page = await settings_page(pw, profile, locale, helper.port)
            try:
                await page.emulate_media(color_scheme=theme)
                await page.goto(OPTIONS)
                code = helper.pairing_code()
                await page.locator("#code").fill(f"{code[:4]} {code[4:]}")  # as read aloud
                await page.locator("#pair").click()
                await expect(page.locator("#state")).to_have_attribute("data-state", "paired")
                await expect(page.locator("#demo")).to_be_visible()
                RESULTS.mkdir(exist_ok=True)
                await page.screenshot(path=RESULTS / f"settings-demo-{locale}-{theme}.png")
            finally:
                await ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


async def test_no_demo_note_for_the_sellers_own_workspace(helper_process):
    own = helper_process(demo=False)
    own.start()
    profile = tempfile.mkdtemp(prefix="sendocki-own-")
    try:
        async with async_playwright() as pw:
            ctx, page = await settings_page(pw, profile, "en", own.port)
            try:
                await page.goto(OPTIONS)
                await page.locator("#code").fill("12ab")
                await page.locator("#pair").click()
                await expect(page.locator("#error")).to_contain_text(
                    "type the digits of the code the helper printed"
                )
                await page.locator("#code").fill(own.pairing_code())
                await page.locator("#pair").click()
                await expect(page.locator("#state")).to_have_attribute("data-state", "paired")
                await expect(page.locator("#demo")).to_be_hidden()
            finally:
                await ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
