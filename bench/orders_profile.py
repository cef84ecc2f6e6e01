"""Profile: where the time of `POST /v1/orders` goes, on both of the helper's threads.

Not a test: it prints figures. It builds the quick store of bench/orders_bench.py, starts the
helper in a child process (the same app, guards and logging as `sendocki-helper serve`), sends
50 warm-up orders, then measures N sequential orders sent from this process, in one of two ways:

- default, cProfile on both threads: the event-loop thread (HTTP parsing, the guards - Host,
  Origin, token, rate limit -, body validation, the answer's write, the hops to the writer thread)
  and the writer thread (Store.run: authentication, idempotency, customer resolution, pricing,
  the order's rows, its view, the outbox row, the commit). cProfile counts wall time per thread,
  so the commit's fsync shows as time in `commit` and a wait for the GIL as time in the call that
  waited; it also slows Python code about twice, so read it for shares, not absolute times;
- `--phases`: no profiler, timestamps only: each store hop (queue -> start on the writer
  thread, run, end -> the event loop resumes), the event-loop time between the guards' entry and
  the first hop, between the hops and after the last one, and the same request's client time.
  The floor route (`GET /v1/orders`, no filter) is timed the same way for comparison.

Both also count the garbage collector's pauses during the measured orders.

    .venv/bin/python bench/orders_profile.py             # cProfile, 500 orders, top 25 per thread
    .venv/bin/python bench/orders_profile.py -n 1000 --top 40 --sort tottime
    .venv/bin/python bench/orders_profile.py --phases    # phase timings, no profiler
"""

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from orders_bench import build_store, free_port, on_store, order_body, pair
from sendocki_helper.services import pairing

CUSTOMERS, VARIANTS, ORDERS = 20_000, 10_000, 10_000
FLOOR_PATH = "/v1/orders"  # GET without a filter: token check, one store hop, a 422


# ---------------------------------------------------------------- the measured helper (child)


class GcTimes:
    """Pauses of the cyclic garbage collector (any thread), per generation."""

    def __init__(self) -> None:
        self.started = 0.0
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}

    def callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self.started) * 1000)

    def summary(self) -> str:
        return "garbage collector: " + "; ".join(
            f"generation {g}: {len(p)} pauses, {sum(p):.1f} ms in all, longest {max(p, default=0):.2f} ms"
            for g, p in self.pauses.items()
        )


class Phases:
    """Timestamps of one request at a time (the client sends in sequence)."""

    def __init__(self) -> None:
        self.on = False
        self.samples: dict[str, list[float]] = {}
        self.hops: list[tuple[float, float]] = []

    def add(self, name: str, seconds: float) -> None:
        if self.on:
            self.samples.setdefault(name, []).append(seconds * 1000)

    def timed_store(self, store) -> None:
        """Wraps store.run: queue wait, run time (per function), wake-up of the event loop."""
        run = store.run

        async def timed_run(fn, *args, **kwargs):
            marks: dict[str, float] = {}

            def marked(*a, **k):
                marks["start"] = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    marks["end"] = time.perf_counter()

            submitted = time.perf_counter()
            try:
                return await run(marked, *args, **kwargs)
            finally:  # a function that raises (the floor's 422) is timed too
                resumed = time.perf_counter()
                self.add("hop: queue -> writer thread starts", marks["start"] - submitted)
                self.add(f"writer thread: {fn.__name__}", marks["end"] - marks["start"])
                self.add("hop: writer ends -> event loop resumes", resumed - marks["end"])
                self.hops.append((submitted, resumed))

        store.run = timed_run

    def middleware(self):
        from aiohttp import web

        @web.middleware
        async def timing(request, handler):
            kind = {"POST": "create", "GET": "floor"}.get(request.method)
            self.hops = []
            started = time.perf_counter()
            try:
                return await handler(request)
            finally:
                ended = time.perf_counter()
                self.add(f"{kind}: guards in -> answer out (event loop + hops)", ended - started)
                if kind == "create" and len(self.hops) == 2:
                    (s1, r1), (s2, r2) = self.hops
                    self.add("create: event loop before the first hop", s1 - started)
                    self.add("create: event loop between the hops (body parse)", s2 - r1)
                    self.add("create: event loop after the last hop", ended - r2)

        return timing

    def summary(self) -> str:
        lines = [f"{'milliseconds':<58} {'p50':>7} {'p95':>7} {'mean':>7}"]
        for name, values in self.samples.items():
            ordered = sorted(values)
            p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95)]
            mean = statistics.mean(values)
            lines.append(f"{name:<58} {p50:7.3f} {p95:7.3f} {mean:7.3f}  (n={len(values)})")
        return "\n".join(lines)


async def serve_measured(args) -> None:
    from sendocki_helper.api import middleware
    from sendocki_helper.api.app import create_app
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.logs import setup_logging
    from sendocki_helper.serve import bind_socket, make_runner, start_site
    from sendocki_helper.store.db import Store

    data_dir, port = Path(args.serve[0]), int(args.serve[1])
    config = HelperConfig(data_dir=data_dir, port=port, rate_per_second=0, rate_burst=0)
    setup_logging(config.log_dir)  # as `serve` does: the log filters are on the path too
    store = Store(config.database_path)
    phases = Phases()
    if args.phases:
        middleware.MIDDLEWARES.insert(0, phases.middleware())  # outermost, before create_app
        phases.timed_store(store)
    app = create_app(config, store)
    runner = make_runner(app)
    await runner.setup()
    await start_site(runner, bind_socket(port))
    loop_profile, writer_profile = cProfile.Profile(), cProfile.Profile()
    collections = GcTimes()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def start_measuring() -> None:
        if not args.phases:
            store._executor.submit(writer_profile.enable).result()
            loop_profile.enable()
        phases.on = True
        gc.callbacks.append(collections.callback)

    loop.add_signal_handler(signal.SIGUSR1, start_measuring)
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    gc.callbacks.remove(collections.callback)
    text = io.StringIO()
    text.write(collections.summary() + "\n\n")
    if args.phases:
        text.write(phases.summary() + "\n")
    else:
        loop_profile.disable()
        store._executor.submit(writer_profile.disable).result()
        for name, profile in (
            ("event-loop thread", loop_profile),
            ("writer thread", writer_profile),
        ):
            stats = pstats.Stats(profile, stream=text)
            text.write(f"\n==== {name} ====\n")
            stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    await runner.cleanup()
    args.out.write_text(text.getvalue())


# ---------------------------------------------------------------- the client (parent)


async def send_orders(base: str, token: str, n: int, first: int) -> list[float]:
    auth = {"Authorization": f"Bearer {token}"}
    rng = random.Random(first)
    times = []
    async with aiohttp.ClientSession() as session:
        for i in range(first, first + n):
            body = order_body(rng, CUSTOMERS, VARIANTS, i)
            headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
            started = time.perf_counter()
            async with session.post(base + "/v1/orders", json=body, headers=headers) as answer:
                await answer.read()
                if answer.status != 201:
                    raise RuntimeError(f"{answer.status} {await answer.text()}")
            times.append((time.perf_counter() - started) * 1000)
    return times


async def send_floors(base: str, token: str, n: int) -> list[float]:
    auth = {"Authorization": f"Bearer {token}"}
    times = []
    async with aiohttp.ClientSession() as session:
        for _ in range(n):
            started = time.perf_counter()
            async with session.get(base + FLOOR_PATH, headers=auth) as answer:
                await answer.read()
            times.append((time.perf_counter() - started) * 1000)
    return times


def client_line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95)]
    return f"{name:<58} {p50:7.3f} {p95:7.3f} {statistics.mean(times):7.3f}  (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=500, help="measured orders")
    parser.add_argument("--phases", action="store_true", help="phase timings, no profiler")
    parser.add_argument("--top", type=int, default=25, help="cProfile rows per thread")
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key")
    parser.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve_measured(args))
        return

    workdir = Path(tempfile.mkdtemp(prefix="orders-profile-"))
    data_dir = workdir / "data"
    build_store(data_dir, CUSTOMERS, VARIANTS, ORDERS)
    code = on_store(data_dir, pairing.issue_code)
    port, out = free_port(), workdir / "profile.txt"
    command = [sys.executable, __file__, "--serve", str(data_dir), str(port), "--out", str(out)]
    command += ["--top", str(args.top), "--sort", args.sort] + (["--phases"] if args.phases else [])
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        base = f"http://127.0.0.1:{port}"
        token = asyncio.run(pair(base, code))
        asyncio.run(send_orders(base, token, 50, 0))  # warm-up: imports, caches, page cache
        child.send_signal(signal.SIGUSR1)
        time.sleep(0.2)
        creates = asyncio.run(send_orders(base, token, args.n, 50))
        floors = asyncio.run(send_floors(base, token, args.n)) if args.phases else []
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(30)
    print(f"{args.n} orders in sequence; {'phases' if args.phases else 'cProfile'}\n")
    print(out.read_text())
    print(client_line("client: create, request sent -> answer read", creates))
    if floors:
        print(client_line("client: floor, request sent -> answer read", floors))


if __name__ == "__main__":
    main()
