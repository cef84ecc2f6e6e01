"""Running the helper: bind 127.0.0.1 only, one instance per data folder, stop cleanly."""

import asyncio
import logging
import socket
import threading

from aiohttp import web

from sendocki_helper.api.app import create_app
from sendocki_helper.config import PORT_FALLBACKS, HelperConfig
from sendocki_helper.instance import AlreadyRunning, single_instance
from sendocki_helper.logs import AccessLogger
from sendocki_helper.services import catalog_search, demo, pairing, pipeline
from sendocki_helper.shutdown import install_stop_handlers
from sendocki_helper.store.db import Store

log = logging.getLogger("sendocki_helper")

BIND_ADDRESS = "127.0.0.1"  # never 0.0.0.0, never the name "localhost" (may resolve to ::1)


def bind_socket(port: int) -> socket.socket:
    """The fixed port, else up to PORT_FALLBACKS next ones (0 picks a free port, for tests)."""
    candidates = [port] if port == 0 else [port + i for i in range(PORT_FALLBACKS + 1)]
    last_error = None
    for candidate in candidates:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((BIND_ADDRESS, candidate))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        except OSError as error:
            sock.close()
            last_error = error
    raise OSError(f"no free port among {candidates}: {last_error}")


async def run_server(config: HelperConfig, ready=None) -> None:
    # Signal handlers first: a SIGTERM that arrives as soon as the port answers must stop cleanly.
    stop = asyncio.Event()
    stopped = threading.Event()  # a Windows console-close handler waits for it
    install_stop_handlers(asyncio.get_running_loop(), stop.set, stopped)
    store = Store(config.database_path)
    if config.demo and await store.run(demo.seed_demo):
        log.info("Demo workspace created")
    # Orders need a stage from the first minute, account or not (docs/workspace.md).
    if await store.run(pipeline.ensure_default):
        log.info("Default stages created")
    app = create_app(config, store)
    # A stop waits at most this long for requests in flight (each takes milliseconds); the store
    # thread still finishes any transaction it started before the file is closed.
    runner = web.AppRunner(
        app, access_log_class=AccessLogger, handle_signals=False, shutdown_timeout=5.0
    )
    await runner.setup()
    sock = bind_socket(config.port)
    port = sock.getsockname()[1]
    # Printed before the port answers, so whoever waits for a ping finds these lines written.
    print(f"sendocki-helper listening on http://{BIND_ADDRESS}:{port}", flush=True)
    if not await store.run(pairing.has_active_pairing):
        code = await store.run(pairing.issue_code)
        print(f"No browser is paired yet. Pairing code (valid 10 minutes): {code}", flush=True)
    await web.SockSite(runner, sock).start()
    # After the port answers: the store thread runs it before the first search arrives.
    warming = asyncio.ensure_future(store.run(catalog_search.warm))
    if ready is not None:
        ready(port)
    await stop.wait()
    log.info("Stopping")
    await warming
    await runner.cleanup()
    print("sendocki-helper stopped", flush=True)
    stopped.set()


def serve(config: HelperConfig) -> int:
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with single_instance(config.lock_path):
            asyncio.run(run_server(config))
    except AlreadyRunning as error:
        print(f"error: {error}")
        return 3
    return 0
