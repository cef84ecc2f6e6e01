"""Profile: where the Python time of `POST /v1/orders` goes, on both of the helper's threads.

Not a test: it prints two cProfile tables. It builds the quick store of bench/orders_bench.py,
starts the helper in a child process (the same app, guards and logging as `sendocki-helper
serve`), sends warm-up orders, then profiles N sequential orders from this process:

- the event-loop thread: HTTP parsing, the guards (Host, Origin, token, rate limit), body
  validation, the answer's encoding, the hop to the writer thread;
- the writer thread (Store.run): authentication, idempotency, customer resolution, pricing,
  the order's rows, its view, the outbox row and the commit.

cProfile counts wall time per thread, so the commit's fsync shows as time in `commit`.

    .venv/bin/python bench/orders_profile.py             # 500 orders, top 25 rows per thread
    .venv/bin/python bench/orders_profile.py -n 1000 --top 40 --sort tottime
"""

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import random
import signal
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


# ---------------------------------------------------------------- the profiled helper (child)


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


async def serve_profiled(data_dir: Path, port: int, out: Path, top: int, sort: str) -> None:
    from sendocki_helper.api.app import create_app
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.logs import setup_logging
    from sendocki_helper.serve import bind_socket, make_runner, start_site
    from sendocki_helper.store.db import Store

    config = HelperConfig(data_dir=data_dir, port=port, rate_per_second=0, rate_burst=0)
    setup_logging(config.log_dir)  # as `serve` does: the log filters are on the path too
    store = Store(config.database_path)
    app = create_app(config, store)
    runner = make_runner(app)
    await runner.setup()
    await start_site(runner, bind_socket(port))
    loop_profile, writer_profile = cProfile.Profile(), cProfile.Profile()
    collections = GcTimes()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def start_profiling() -> None:
        store._executor.submit(writer_profile.enable).result()
        loop_profile.enable()
        gc.callbacks.append(collections.callback)

    loop.add_signal_handler(signal.SIGUSR1, start_profiling)
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    loop_profile.disable()
    store._executor.submit(writer_profile.disable).result()
    gc.callbacks.remove(collections.callback)
    await runner.cleanup()
    text = io.StringIO()
    text.write(collections.summary() + "\n")
    for name, profile in (("event-loop thread", loop_profile), ("writer thread", writer_profile)):
        stats = pstats.Stats(profile, stream=text)
        text.write(f"\n==== {name} ====\n")
        stats.strip_dirs().sort_stats(sort).print_stats(top)
    out.write_text(text.getvalue())


# ---------------------------------------------------------------- the client (parent)


async def send_orders(base: str, token: str, n: int, first: int) -> float:
    auth = {"Authorization": f"Bearer {token}"}
    rng = random.Random(first)
    async with aiohttp.ClientSession() as session:
        start = time.perf_counter()
        for i in range(first, first + n):
            body = order_body(rng, CUSTOMERS, VARIANTS, i)
            headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
            async with session.post(base + "/v1/orders", json=body, headers=headers) as answer:
                await answer.read()
                if answer.status != 201:
                    raise RuntimeError(f"{answer.status} {await answer.text()}")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=500, help="profiled orders")
    parser.add_argument("--top", type=int, default=25, help="rows per thread")
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key")
    parser.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        data_dir, port = Path(args.serve[0]), int(args.serve[1])
        asyncio.run(serve_profiled(data_dir, port, args.out, args.top, args.sort))
        return

    workdir = Path(tempfile.mkdtemp(prefix="orders-profile-"))
    data_dir = workdir / "data"
    build_store(data_dir, CUSTOMERS, VARIANTS, ORDERS)
    code = on_store(data_dir, pairing.issue_code)
    port, out = free_port(), workdir / "profile.txt"
    child = subprocess.Popen(
        [
            *(sys.executable, __file__, "--serve", str(data_dir), str(port)),
            *("--out", str(out), "--top", str(args.top), "--sort", args.sort),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        base = f"http://127.0.0.1:{port}"
        token = asyncio.run(pair(base, code))
        asyncio.run(send_orders(base, token, 50, 0))  # warm-up: imports, caches, page cache
        child.send_signal(signal.SIGUSR1)
        time.sleep(0.2)
        seconds = asyncio.run(send_orders(base, token, args.n, 50))
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(30)
    print(
        f"{args.n} orders in {seconds:.2f} s ({seconds / args.n * 1000:.2f} ms each, client side)"
    )
    print(out.read_text())


if __name__ == "__main__":
    main()
