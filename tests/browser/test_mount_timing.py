"""Measures, in real Chromium, how fast the cart follows WhatsApp's header and what the content
script's observer costs during a burst of message rows. Figures are printed in the test summary
and written to bench-results/extension-timing.json; they are reported, not asserted as limits."""

import json

import pytest
from playwright.async_api import expect

from .harness import isolated_eval, open_chat, save, summary

pytestmark = pytest.mark.asyncio(loop_scope="module")

SAMPLES = 40
BURSTS = 15
ROWS = 1000


# Main world: swap in a new header (or a whole new #main) and time until our host is inside it.
APPEARANCE = """async ([samples, wholeMain]) => {
    const template = document.getElementById('next-header').content.firstElementChild;
    const times = [];
    for (let i = 0; i < samples; i += 1) {
        const current = wholeMain ? document.getElementById('main') : document.querySelector('#main header');
        const next = current.cloneNode(true);
        for (const old of next.querySelectorAll('sendocki-cart-button')) old.remove();
        if (!wholeMain) next.replaceChildren(...template.cloneNode(true).childNodes);
        const mounted = new Promise((resolve) => {
            const watch = new MutationObserver(() => {
                if (next.querySelector('sendocki-cart-button')) { watch.disconnect(); resolve(performance.now()); }
            });
            watch.observe(next, { childList: true, subtree: true });
        });
        const start = performance.now();
        current.replaceWith(next);
        times.push((await mounted) - start);
        await new Promise((r) => setTimeout(r, 20));
    }
    return times;
}"""

# Main world: insert message rows one by one, each in its own microtask turn so the content
# script's observer gets one callback per row (the worst case), or all at once.
BURST = """async ([rows, oneByOne]) => {
    const list = document.querySelector('[data-scrolltracepolicy] > div');
    for (let i = 0; i < rows; i += 1) {
        const row = document.createElement('div');
        row.setAttribute('role', 'row');
        row.innerHTML = '<div data-id="3EB0' + (100000 + i) + '"><div class="message-in"><span>Message text</span></div></div>';
        list.appendChild(row);
        if (oneByOne) await Promise.resolve();
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    list.replaceChildren();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}"""

STATS = "JSON.stringify(globalThis.Sendocki.active.stats)"


async def test_header_appearance_to_cart_mounted(browser):
    page = await open_chat(browser, "header-rerendered")
    await expect(page.get_by_role("button", name="Create an order")).to_be_visible()
    header_times = await page.evaluate(APPEARANCE, [SAMPLES, False])
    main_times = await page.evaluate(APPEARANCE, [SAMPLES, True])
    assert len(header_times) == len(main_times) == SAMPLES
    save("header re-render -> cart mounted", summary(header_times))
    save("#main re-rendered, same chat -> cart mounted", summary(main_times))


@pytest.mark.parametrize("one_by_one", [True, False], ids=["1000-callbacks", "1-callback"])
async def test_observer_cost_for_1000_message_rows(browser, one_by_one):
    page = await open_chat(browser, "header-rerendered")
    await expect(page.get_by_role("button", name="Create an order")).to_be_visible()
    observer, total, calls = [], [], []
    for _ in range(BURSTS):
        before = json.loads(await isolated_eval(page, STATS))
        await page.evaluate(BURST, [ROWS, one_by_one])
        after = json.loads(await isolated_eval(page, STATS))
        observer.append(after["observerMs"] - before["observerMs"])
        total.append(
            after["observerMs"] - before["observerMs"] + after["ensureMs"] - before["ensureMs"]
        )
        calls.append(after["observerCalls"] - before["observerCalls"])
    assert min(calls) >= (ROWS if one_by_one else 1), calls
    label = "rows inserted one per microtask" if one_by_one else "rows inserted in one task"
    save(f"observer callbacks, 1000 {label} (per burst)", summary(observer))
    save(f"observer + scheduled ensureMounted, 1000 {label} (per burst)", summary(total))
    await expect(page.locator("#main header sendocki-cart-button")).to_have_count(1)
