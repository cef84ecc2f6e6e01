"""The options page tells a demo helper from the seller's own: the note shows only for the demo."""

import shutil
import tempfile

import pytest
from playwright.async_api import async_playwright, expect

from tests.browser.harness import PINNED_ID

from .conftest import launch

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_no_demo_note_for_the_sellers_own_workspace(helper_process):
    own = helper_process(demo=False)
    own.start()
    profile = tempfile.mkdtemp(prefix="sendocki-own-")
    try:
        async with async_playwright() as pw:
            ctx = await launch(pw, profile)
            try:
                options = await ctx.new_page()
                await options.goto(f"chrome-extension://{PINNED_ID}/options.html")
                await options.locator("#port").fill(str(own.port))
                await options.locator("#code").fill(own.pairing_code())
                await options.locator("#pair").click()
                await expect(options.locator("#state")).to_have_attribute("data-state", "paired")
                await expect(options.locator("#demo")).to_be_hidden()

                await options.locator("#code").fill("12ab")
                await options.locator("#pair").click()
                await expect(options.locator("#error")).to_contain_text(
                    "type the digits of the code the helper printed"
                )
            finally:
                await ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
