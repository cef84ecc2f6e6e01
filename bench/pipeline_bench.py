"""Benchmark (not a test): following orders after their creation, with 200k customers and 50k orders.

    .venv/bin/python bench/pipeline_bench.py [--customers 200000] [--orders 50000] [--rounds 3]

1. A bulk-seeded sandbox (customers, orders spread over the stages, a catalog) is pulled into a
   fresh helper store in this process (the first pull, timed for reference).
2. Incremental pull of 500 stage changes: 500 orders moved in the sandbox (admin route, as in
   Sendocki's web app), then one pull, timed; `--rounds` times.
"""

import argparse
import asyncio
import json
import random
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
from sendocki_helper.store.models import Order  # noqa: E402
from sendocki_helper.sync.client import SendockiClient  # noqa: E402
from sendocki_helper.sync.puller import pull_all  # noqa: E402
from tests.sandbox.server import API_KEY, SandboxProcess  # noqa: E402


def admin(sandbox: SandboxProcess, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        sandbox.url + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def move_in_sandbox(sandbox, stages: list[str], current: dict, count: int, rng) -> None:
    """`count` orders, each to a stage other than its own (a real change, in the feed)."""
    for i in rng.sample(sorted(current), count):
        current[i] = rng.choice([s for s in stages if s != current[i]])
        admin(sandbox, "POST", f"/_sandbox/orders/ord_b{i}/stage", {"stage_id": current[i]})


async def pull_figures(args, work: Path) -> Path:
    sandbox = SandboxProcess(
        work / "sandbox",
        "--seed-variants",
        str(args.variants),
        "--seed-customers",
        str(args.customers),
        "--seed-orders",
        str(args.orders),
    )
    store = None
    try:
        started = time.perf_counter()
        sandbox.start(timeout=900)
        print(
            f"sandbox seeded in {time.perf_counter() - started:.1f} s ({args.customers} customers,"
            f" {args.orders} orders, {args.variants} variants)"
        )
        store = Store(work / "helper" / "helper.sqlite3")
        stages = [s["id"] for s in admin(sandbox, "GET", "/_sandbox/stages")["stages"]]
        async with SendockiClient(sandbox.url, API_KEY, timeout=300) as client:
            started = time.perf_counter()
            counts = await pull_all(store, client)
            print(f"first pull: {time.perf_counter() - started:.1f} s; entries {counts}")
            print(f"local orders: {await store.run(lambda: Order.select().count())}")
            rng = random.Random(5)
            current = {i: stages[i % len(stages)] for i in range(args.orders)}  # as seeded
            timings = []
            for _ in range(args.rounds):
                move_in_sandbox(sandbox, stages, current, args.changes, rng)
                started = time.perf_counter()
                counts = await pull_all(store, client)
                timings.append(time.perf_counter() - started)
            print(
                f"incremental pull of {args.changes} stage changes, {args.rounds} rounds:"
                f" median {statistics.median(timings) * 1000:.0f} ms, p95 {p95(timings) * 1000:.0f} ms,"
                f" each {[round(t * 1000) for t in timings]} ms (last round's entries: {counts})"
            )
    finally:
        if store is not None:
            store.close()
        sandbox.stop()
    return work / "helper"


async def run(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        await pull_figures(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--variants", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
