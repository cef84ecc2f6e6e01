"""Benchmark (not a test): following orders after their creation, with 200k customers and 50k orders.

    .venv/bin/python bench/pipeline_bench.py [--customers 200000] [--orders 50000] [--rounds 3]

1. A bulk-seeded sandbox (customers, orders spread over the stages, a catalog) is pulled into a
   fresh helper store in this process (the first pull, timed for reference).
2. Incremental pull of 500 stage changes: 500 orders moved in the sandbox (admin route, as in
   Sendocki's web app), then one pull, timed; `--rounds` times.
3. Over loopback HTTP against the real `sendocki-helper serve` on that store (rate limit off),
   in interleaved blocks so load from elsewhere hits every kind alike, p50/p95/p99 of:
   - floor: an authenticated route that does no work (`GET /v1/orders` without a filter: token
     check, one hop to the store thread, a 422 before any SQL);
   - move: `POST /v1/orders/{id}/stage` (a random order to another stage: idempotency key,
     history, outbox row, commit with synchronous=FULL);
   - pipeline first page: `GET /v1/pipeline` (50 orders and every stage's count and total);
   - stage filter: `GET /v1/pipeline?stage=…` (first page of one stage, with the counts);
   - search: `GET /v1/pipeline?q=…` (a customer's name).
"""

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sendocki_helper.store.db import Store  # noqa: E402
from sendocki_helper.store.models import Order  # noqa: E402
from sendocki_helper.sync.client import SendockiClient  # noqa: E402
from sendocki_helper.sync.puller import pull_all  # noqa: E402
from tests.sandbox.server import API_KEY, SandboxProcess  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from orders_bench import free_port, pair, percentiles, row, run_clients, serve, timed  # noqa: E402

BLOCK = 50


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


def issue_code(data_dir: Path) -> str:
    """A pairing code from the helper's own command (its last line)."""
    helper = Path(sys.executable).parent / "sendocki-helper"
    done = subprocess.run(
        [str(helper), "pair", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def local_ids(data_dir: Path) -> tuple[list[str], list[str], list[str]]:
    import sqlite3

    conn = sqlite3.connect(data_dir / "helper.sqlite3")
    try:
        orders = [r[0] for r in conn.execute("SELECT id FROM orders")]
        stages = [r[0] for r in conn.execute("SELECT id FROM stages WHERE active = 1")]
        names = [r[0] for r in conn.execute("SELECT name FROM customers LIMIT 2000")]
        return orders, stages, names
    finally:
        conn.close()


async def http_figures(args, data_dir: Path) -> None:
    orders, stages, names = local_ids(data_dir)
    port = free_port()
    proc = serve(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        token = await pair(base, await asyncio.to_thread(issue_code, data_dir))
        auth = {"Authorization": f"Bearer {token}"}
        rng = random.Random(9)
        results: dict[str, list[float]] = {}
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=4)) as session:

            async def floor(i):
                return await timed(session, "GET", base + "/v1/orders", headers=auth)

            async def move(i):
                headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
                body = {"stage_id": rng.choice(stages)}
                url = f"{base}/v1/orders/{rng.choice(orders)}/stage"
                return await timed(session, "POST", url, json=body, headers=headers)

            async def first_page(i):
                return await timed(session, "GET", base + "/v1/pipeline", headers=auth)

            async def stage_filter(i):
                url = base + "/v1/pipeline"
                params = {"stage": rng.choice(stages)}
                return await timed(session, "GET", url, params=params, headers=auth)

            async def search(i):
                params = {"q": rng.choice(names)}
                return await timed(
                    session, "GET", base + "/v1/pipeline", params=params, headers=auth
                )

            kinds = (
                ("floor", floor),
                ("move", move),
                ("pipeline first page", first_page),
                ("stage filter", stage_filter),
                ("search by name", search),
            )
            for _, fn in kinds:
                await run_clients(fn, 20, 1)  # warm-up: connections, page cache
            for start in range(0, args.requests, BLOCK):
                for name, fn in kinds:
                    samples = await run_clients(fn, min(BLOCK, args.requests - start), 1)
                    results.setdefault(name, []).extend(samples)
        print(f"over loopback HTTP, one client, ms: {'p50':>8} {'p95':>8} {'p99':>8}")
        for name, samples in results.items():
            print(row(name, samples))
        floor_p50 = percentiles(results["floor"])[0]
        for name in ("move", "pipeline first page", "stage filter"):
            p50, p95, _ = percentiles(results[name])
            print(f"{name}: p50 {p50 / floor_p50:.1f}x the floor's p50; p95 {p95:.2f} ms")
    finally:
        proc.terminate()
        proc.wait(10)


async def run(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        data_dir = await pull_figures(args, work)
        await http_figures(args, data_dir)
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
    parser.add_argument("--requests", type=int, default=300, help="per kind, over HTTP")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
