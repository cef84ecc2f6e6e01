"""Renders extension/icons/icon.svg to the PNG sizes Chrome wants (16, 32, 48, 128), with
Chromium (no image library needed). Run after changing the SVG; the PNGs are committed."""

import asyncio
from pathlib import Path

from playwright.async_api import async_playwright

ICONS = Path(__file__).resolve().parents[1] / "extension" / "icons"
SIZES = (16, 32, 48, 128)


async def main() -> None:
    svg = (ICONS / "icon.svg").read_text(encoding="utf-8")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = await browser.new_page()
        for size in SIZES:
            await page.set_viewport_size({"width": size, "height": size})
            html = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            await page.set_content(f"<body style='margin:0;background:transparent'>{html}</body>")
            await page.locator("svg").screenshot(
                path=ICONS / f"icon-{size}.png", omit_background=True
            )
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
