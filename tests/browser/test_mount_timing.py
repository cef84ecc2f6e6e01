"""Measures, in real Chromium, how fast the cart follows WhatsApp's header and what the content
script's observer costs during a burst of message rows. Figures are printed in the test summary
and written to bench-results/extension-timing.json; they are reported, not asserted as limits."""

import json
import statistics

import pytest
from playwright.async_api import expect

from .harness import RESULTS, isolated_eval, open_chat, report

pytestmark = pytest.mark.asyncio(loop_scope="module")

SAMPLES = 40
BURSTS = 15
ROWS = 1000
_results: dict = {}


def summary(values):
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "median": round(statistics.median(values), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def save(name, figures, unit="ms"):
    _results[name] = figures
    report(
        f"{name}: median {figures['median']} {unit}, p95 {figures['p95']} {unit}, "
        f"max {figures['max']} {unit} (n={figures['n']})"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extension-timing.json").write_text(json.dumps(_results, indent=2) + "\n")


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
        row.innerHTML = '<div data-id="false_212600000010@c.us_3EB0' + i + '"><div class="message-in"><span>Message text</span></div></div>';
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
    save("chat switch (#main re-rendered) -> cart mounted", summary(main_times))


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
