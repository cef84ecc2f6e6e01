"""Chromium with the unpacked extension; https://web.whatsapp.com/ served from the saved fixtures."""

import shutil
import tempfile

import pytest_asyncio
from playwright.async_api import async_playwright

from .harness import (
    WhatsAppSite,
    extension_worker,
    figures,
    launch_with_extension,
    open_shadow_roots,
)


def pytest_terminal_summary(terminalreporter):
    if figures:
        terminalreporter.section("extension measurements")
        for line in figures:
            terminalreporter.write_line(line)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def browser():
    """One Chromium per test module (the machine is shared), closed whatever happens."""
    profile = tempfile.mkdtemp(prefix="sendocki-profile-")
    site = WhatsAppSite()
    async with async_playwright() as pw:
        ctx = await launch_with_extension(pw, profile)
        try:
            await ctx.route("https://web.whatsapp.com/**", site.handle)
            worker = await extension_worker(ctx)
            # These tests look inside our hosts (test_page_world_attacks.py turns it off).
            await open_shadow_roots(worker)
            page = ctx.pages[0] if ctx.pages else await ctx.new_page()
            yield {"ctx": ctx, "site": site, "worker": worker, "page": page}
        finally:
            await ctx.close()
            shutil.rmtree(profile, ignore_errors=True)
