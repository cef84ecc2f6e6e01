"""The whole flow: Chromium with the unpacked extension, WhatsApp Web from fixtures, and a real
`sendocki-helper serve --demo` process. One browser and one helper per module (shared machine)."""

import shutil
import tempfile

import pytest_asyncio
from playwright.async_api import async_playwright

from tests.browser.harness import extension_worker, launch_with_extension, open_shadow_roots
from tests.support import HelperProcess, free_port

from .measure import figures
from .site import ChatSite


def pytest_terminal_summary(terminalreporter):
    if figures:
        terminalreporter.section("order flow measurements")
        for line in figures:
            terminalreporter.write_line(line)


async def launch(pw, profile, locale="en"):
    return await launch_with_extension(
        pw, profile, locale=locale, viewport={"width": 1280, "height": 860}
    )


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def helper(request, tmp_path_factory):
    """The module's helper; a module's HELPER_OPTIONS are added to `serve`."""
    options = getattr(request.module, "HELPER_OPTIONS", ())
    data = tmp_path_factory.mktemp("helper") / "data"
    proc = HelperProcess(data, free_port(), demo=True, options=options)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


async def start_browser(pw, profile, site):
    ctx = await launch(pw, profile)
    await ctx.route("https://web.whatsapp.com/**", site.handle)
    worker = await extension_worker(ctx)
    # The tests' locators look inside our hosts: the extension-only developer flag opens their
    # roots (tests/e2e/test_page_world_attacks.py runs with it off, as sellers do).
    await open_shadow_roots(worker)
    page = ctx.pages[0] if ctx.pages else await ctx.new_page()
    return {"ctx": ctx, "worker": worker, "page": page}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def env(helper):
    """The browser, its worker pointed at the helper's port, and the chat site. `restart()` closes
    the browser and starts it again on the same profile (what survives a browser restart)."""
    profile = tempfile.mkdtemp(prefix="sendocki-e2e-")
    site = ChatSite()
    async with async_playwright() as pw:
        env = {"site": site, "helper": helper, "ctx": None}

        async def restart():
            await env["ctx"].close()
            env.update(await start_browser(pw, profile, site))

        env["restart"] = restart
        try:
            env.update(await start_browser(pw, profile, site))
            await env["worker"].evaluate(f"chrome.storage.local.set({{helperPort: {helper.port}}})")
            yield env
        finally:
            if env["ctx"] is not None:
                await env["ctx"].close()
            shutil.rmtree(profile, ignore_errors=True)
