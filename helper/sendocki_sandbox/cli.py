"""`sendocki-sandbox --port N --data-dir DIR`: the Sendocki sync API sandbox (docs/sendocki-api.md)."""

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from aiohttp import web

from sendocki_sandbox.app import create_app
from sendocki_sandbox.db import OlderDataDir, connect
from sendocki_sandbox.faults import Faults
from sendocki_sandbox.seed import seed_bulk, seed_workspace

DEFAULT_API_KEY = "sk_sandbox_test"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sendocki-sandbox", description=__doc__)
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    p.add_argument("--data-dir", required=True, help="folder for sandbox.sqlite3")
    p.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help="the key clients must send (set at first start)"
    )
    p.add_argument(
        "--seed-variants", type=int, default=0, help="bulk variants to add on first start"
    )
    p.add_argument(
        "--seed-customers", type=int, default=0, help="bulk customers to add on first start"
    )
    p.add_argument("--seed-orders", type=int, default=0, help="bulk orders to add on first start")
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--fail-next", type=int, default=0)
    p.add_argument("--fail-status", type=int, default=503, choices=[500, 502, 503, 504])
    p.add_argument("--rate-limit-next", type=int, default=0)
    p.add_argument("--retry-after", type=int, default=1)
    p.add_argument("--drop-next", type=int, default=0)
    p.add_argument("--commit-then-drop-next", type=int, default=0)
    p.add_argument(
        "--fault-match", default="/v1/", help='"/v1/..." path prefix or "POST /v1/orders"'
    )
    p.add_argument("--verbose", action="store_true")
    return p


async def run(args) -> None:
    try:
        conn = connect(Path(args.data_dir) / "sandbox.sqlite3")
    except OlderDataDir as error:
        print(f"sendocki-sandbox: {error}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    if seed_workspace(conn, args.api_key) and (
        args.seed_variants or args.seed_customers or args.seed_orders
    ):
        seed_bulk(conn, args.seed_variants, args.seed_customers, args.seed_orders)
    faults = Faults(
        latency_ms=args.latency_ms,
        fail_next=args.fail_next,
        fail_status=args.fail_status,
        rate_limit_next=args.rate_limit_next,
        retry_after=args.retry_after,
        drop_next=args.drop_next,
        commit_then_drop_next=args.commit_then_drop_next,
        match=args.fault_match,
    )
    runner = web.AppRunner(
        create_app(conn, faults),
        handle_signals=False,
        access_log=logging.getLogger("aiohttp.access") if args.verbose else None,
    )
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"sendocki-sandbox listening on http://127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await runner.cleanup()
    conn.close()


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
