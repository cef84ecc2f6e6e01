"""Benchmark (not a test): initial pull of 100k variants + 200k customers, then incremental pulls.

    .venv/bin/python bench/sync_pull.py [--variants 100000] [--customers 200000] [--rounds 5]

Starts a bulk-seeded sandbox process, pulls into a fresh helper store in this process, and
prints wall time and this process's peak RSS (the helper side), then the median and p95 of
incremental pulls of 100 changes each.
"""

import argparse
import asyncio
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sendocki_helper.store.db import Store  # noqa: E402
from sendocki_helper.store.models import Customer, Variant  # noqa: E402
from sendocki_helper.sync.client import SendockiClient  # noqa: E402
from sendocki_helper.sync.puller import pull_all  # noqa: E402
from tests.sandbox.server import API_KEY, SandboxProcess  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sandbox_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_changes(sandbox: SandboxProcess, count: int, products: int, rng: random.Random) -> None:
    """Half stock changes, half price changes, on random bulk products."""
    for i in range(count):
        p = rng.randrange(products)
        if i % 2:
            body, path = (
                {"available": rng.randrange(50)},
                f"/_sandbox/variants/BULK-{p:06d}-{rng.randrange(5)}",
            )
        else:
            body, path = (
                {"price": f"{rng.randrange(10, 999)}.{rng.randrange(100):02d}"},
                f"/_sandbox/products/BULK-{p:06d}",
            )
        request = urllib.request.Request(
            sandbox.url + path,
            data=json.dumps(body).encode(),
            method="PATCH",
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).read()


async def run(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    sandbox = SandboxProcess(
        work / "sandbox",
        "--seed-variants",
        str(args.variants),
        "--seed-customers",
        str(args.customers),
    )
    store = None
    try:
        started = time.perf_counter()
        sandbox.start(timeout=600)
        print(
            f"sandbox seeded in {time.perf_counter() - started:.1f} s "
            f"({args.variants} variants, {args.customers} customers)"
        )
        store = Store(work / "helper" / "helper.sqlite3")
        rss_before = peak_rss_mb()
        async with SendockiClient(sandbox.url, API_KEY, timeout=120) as client:
            started = time.perf_counter()
            counts = await pull_all(store, client)
            initial = time.perf_counter() - started
            variants = await store.run(lambda: Variant.select().count())
            customers = await store.run(lambda: Customer.select().count())
            print(
                f"initial pull: {initial:.1f} s; entries {counts}; local rows: {variants} variants, "
                f"{customers} customers"
            )
            print(
                f"peak RSS, helper side (this process): {peak_rss_mb():.0f} MB "
                f"(before the pull: {rss_before:.0f} MB); sandbox process: {sandbox_peak_mb(sandbox.process.pid):.0f} MB"
            )

            rng = random.Random(7)
            timings = []
            for _ in range(args.rounds):
                make_changes(sandbox, 100, args.variants // 5, rng)
                started = time.perf_counter()
                counts = await pull_all(store, client)
                timings.append(time.perf_counter() - started)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            print(
                f"incremental pull of 100 changes, {args.rounds} rounds: median {statistics.median(timings) * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms (last round's entries: {counts})"
            )
    finally:
        if store is not None:
            store.close()
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
