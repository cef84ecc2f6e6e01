"""Benchmark: click on "Create the order" -> success shown, for two versions of the extension in
one run (a baseline commit and the working tree), against one real `sendocki-helper serve --demo`.

Not a test: it prints figures. Each version runs in its own Chromium with its unpacked
extension; orders are created in alternating batches (baseline, current, baseline, ...) so that
machine noise falls on both alike. The time is the content script's own measurement
(`Sendocki.active.stats.createToShown`: the click handler's start to the frame after the
"Order … created" notice was set), the same code path in both versions.

    .venv/bin/python bench/extension_flow.py --baseline dbeafce        # 3 x 10 orders each
    .venv/bin/python bench/extension_flow.py --baseline main --rounds 5 --batch 10
"""

import argparse
import asyncio
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright, expect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.harness import (  # noqa: E402
    PINNED_ID,
    extension_worker,
    isolated_eval,
    launch_with_extension,
    open_shadow_roots,
)
from tests.e2e.site import phone_chat  # noqa: E402
from tests.support import HelperProcess, free_port  # noqa: E402


def export_extension(ref: str, into: Path) -> Path:
    """The extension folder as committed at `ref` (git archive), unpacked into `into`."""
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "extension"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into / "extension"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


class Version:
    def __init__(self, name: str, extension: Path, digits: str):
        self.name = name
        self.extension = extension
        self.html = phone_chat(f"Bench {name}", digits)
        self.samples: list[float] = []
        self.ctx = None
        self.page = None
        self.profile = Path(tempfile.mkdtemp(prefix=f"sendocki-bench-{name}-"))

    async def start(self, pw, helper: HelperProcess):
        self.ctx = await launch_with_extension(pw, self.profile, extension=self.extension)

        async def serve(route):
            if route.request.resource_type == "document":
                await route.fulfill(status=200, content_type="text/html", body=self.html)
            else:
                await route.fulfill(status=404, body="")

        await self.ctx.route("https://web.whatsapp.com/**", serve)
        worker = await extension_worker(self.ctx)
        await worker.evaluate(f"chrome.storage.local.set({{helperPort: {helper.port}}})")
        # The dialog is filled through locators: the developer flag opens our hosts' shadow roots
        # (src/ui/page-guard.js); a baseline without the flag has open roots anyway.
        await open_shadow_roots(worker)
        # Paired through the worker's own message, which both versions answer the same way.
        options = await self.ctx.new_page()
        await options.goto(f"chrome-extension://{PINNED_ID}/options.html")
        code = helper.pairing_code()
        answer = await options.evaluate(
            f"chrome.runtime.sendMessage({{type: 'pair', code: '{code}', clientName: 'bench'}})"
        )
        assert answer["ok"], answer
        await options.close()
        self.page = self.ctx.pages[0]
        await self.page.goto("https://web.whatsapp.com/")
        await expect(self.page.get_by_role("button", name="Create an order")).to_be_visible()

    async def create_orders(self, count: int):
        page = self.page
        for i in range(count):
            await page.get_by_role("button", name="Create an order").click()
            dialog = page.get_by_role("dialog", name="Create an order")
            await dialog.get_by_label("City").fill("Casablanca")
            await dialog.get_by_label("Delivery address").fill("1 Rue Test")
            await dialog.get_by_role("button", name="+ Add a free product").click()
            await dialog.get_by_label("Product name").fill(f"Article {i}")
            await dialog.get_by_label("Price").fill("10")
            await dialog.get_by_role("button", name="Create the order").click()
            # The customer has an open order from the round before: the first click asks for
            # the seller's confirmation (src/ui/open-orders.js), the second creates.
            asking = dialog.locator(".open-orders.asking")
            for _ in range(200):
                if not await dialog.count():
                    break
                if await asking.count():
                    await dialog.get_by_role("button", name="Create another order anyway").click()
                    break
                await page.wait_for_timeout(25)
            await expect(dialog).to_have_count(0)
        expected = len(self.samples) + count
        for _ in range(100):
            done = await isolated_eval(page, "Sendocki.active.stats.createToShown")
            if len(done) >= expected:
                break
            await page.wait_for_timeout(50)
        self.samples = done

    async def stop(self):
        if self.ctx is not None:
            await self.ctx.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def line(version: Version) -> str:
    s = version.samples
    return (
        f"{version.name:>9}: median {statistics.median(s):6.1f} ms  p95 {percentile(s, 95):6.1f} ms"
        f"  max {max(s):6.1f} ms  (n={len(s)})"
    )


async def main(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="sendocki-bench-ext-"))
    helper = HelperProcess(work / "data", free_port(), demo=True)
    helper.start()
    versions = [
        Version("baseline", export_extension(args.baseline, work / "baseline"), "212611000201"),
        Version("current", REPO / "extension", "212611000202"),
    ]
    try:
        async with async_playwright() as pw:
            for version in versions:
                await version.start(pw, helper)
            for _ in range(args.rounds):
                for version in versions:
                    await version.create_orders(args.batch)
            for version in versions:
                await version.stop()
    finally:
        helper.stop()
        shutil.rmtree(work, ignore_errors=True)
    base, current = versions
    print(f"click on Create the order -> success shown (baseline = {args.baseline})")
    print(line(base))
    print(line(current))
    print(
        f"    ratio: median {statistics.median(current.samples) / statistics.median(base.samples):.2f}"
        f"  p95 {percentile(current.samples, 95) / percentile(base.samples, 95):.2f}"
        " (current / baseline)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the baseline extension")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=10, help="orders per version per round")
    asyncio.run(main(parser.parse_args()))
