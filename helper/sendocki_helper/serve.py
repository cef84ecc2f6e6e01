"""Running the helper: bind 127.0.0.1 only, one instance per data folder, stop cleanly."""

import asyncio
import errno
import logging
import socket
import sys
import threading

from aiohttp import web

from sendocki_helper import open_files
from sendocki_helper.api.app import create_app
from sendocki_helper.config import HelperConfig
from sendocki_helper.connection_guard import (
    AcceptErrorLog,
    GuardedSockSite,
    connection_cap,
)
from sendocki_helper.instance import AlreadyRunning, single_instance
from sendocki_helper.logs import AccessLogger
from sendocki_helper.port_check import OURS, occupant
from sendocki_helper.private_files import make_private_dir, narrow_modes, restrict_umask
from sendocki_helper.services import catalog_search, default_stages, demo, pairing
from sendocki_helper.shutdown import install_stop_handlers
from sendocki_helper.store.db import Store

log = logging.getLogger("sendocki_helper")

BIND_ADDRESS = "127.0.0.1"  # never 0.0.0.0, never the name "localhost" (may resolve to ::1)
LISTEN_BACKLOG = 128
EXIT_ALREADY_RUNNING = 3
EXIT_PORT_UNAVAILABLE = 4


class PortUnavailable(RuntimeError):
    """The helper cannot listen on its port. It never moves to another one silently: the extension
    dials the port set in its options, and whoever holds that port must not pass for the helper."""


def port_unavailable_message(port: int, error: OSError) -> str:
    """One line a seller can act on (no traceback)."""
    change = (
        f"or start the helper with --port N (e.g. --port {port + 5}) and type the same port "
        "in the extension's options (Helper port)"
    )
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"cannot listen on port {port} (not allowed): choose a port above 1024 with --port N"
    if error.errno != errno.EADDRINUSE:
        return f"cannot listen on 127.0.0.1:{port} ({error.strerror or error}): {change}"
    if occupant(port) == OURS:
        return (
            f"port {port} is already used by another sendocki-helper (another data folder?): "
            f"stop it, {change}"
        )
    return f"port {port} is taken by another program: close that program, {change}"


def claim_port_alone(sock: socket.socket, platform: str = sys.platform) -> None:
    """No other program may listen on our port beside us (a relay that takes the same port could
    read the token). On Windows SO_REUSEADDR would allow exactly that, so it gets exclusive use;
    elsewhere SO_REUSEADDR only lets a restart reuse a port still in TIME_WAIT."""
    if platform == "win32":
        # The constant exists only in Windows' socket module (getattr: the other type checks).
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE"), 1)  # noqa: B009
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)


def bind_socket(port: int) -> socket.socket:
    """Listens on 127.0.0.1:port, and only there (0 picks a free port, for tests)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    claim_port_alone(sock)
    try:
        sock.bind((BIND_ADDRESS, port))
        sock.listen(LISTEN_BACKLOG)
    except OSError as error:
        sock.close()
        raise PortUnavailable(port_unavailable_message(port, error)) from None
    sock.setblocking(False)
    return sock


async def run_server(config: HelperConfig, ready=None, sock: socket.socket | None = None) -> None:
    # Signal handlers first: a SIGTERM that arrives as soon as the port answers must stop cleanly.
    stop = asyncio.Event()
    stopped = threading.Event()  # a Windows console-close handler waits for it
    install_stop_handlers(asyncio.get_running_loop(), stop.set, stopped)
    store = Store(config.database_path)
    if config.demo and await store.run(demo.seed_demo):
        log.info("Demo workspace created")
    # Orders need a stage from the first minute, account or not (docs/workspace.md).
    if await store.run(default_stages.ensure_default):
        log.info("Default stages created")
    app = create_app(config, store)
    runner = make_runner(app)
    await runner.setup()
    sock = sock or bind_socket(config.port)
    port = sock.getsockname()[1]
    # Printed before the port answers, so whoever waits for a ping finds these lines written.
    print(f"sendocki-helper listening on http://{BIND_ADDRESS}:{port}", flush=True)
    if not await store.run(pairing.has_active_pairing):
        code = await store.run(pairing.issue_code)
        print(f"No browser is paired yet. Pairing code (valid 10 minutes): {code}", flush=True)
    await start_site(runner, sock)
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


def make_runner(app: web.Application) -> web.AppRunner:
    # A stop waits at most 5 s for requests in flight (each takes milliseconds); the store
    # thread still finishes any transaction it started before the file is closed.
    return web.AppRunner(
        app,
        access_log_class=AccessLogger,
        handle_signals=False,
        shutdown_timeout=5.0,
    )


async def start_site(runner: web.AppRunner, sock: socket.socket) -> GuardedSockSite:
    """Serves on sock behind the connection guard (cap, header timeout, quiet accept errors)."""
    AcceptErrorLog(asyncio.get_running_loop()).install()
    limits = open_files.limits()
    cap = connection_cap(limits[0] if limits else None)
    site = GuardedSockSite(runner, sock, max_connections=cap, backlog=LISTEN_BACKLOG)
    await site.start()
    return site


def secure_data_folder(config: HelperConfig) -> None:
    """Private from the first file on (0700 folder, 0600 files); narrows what older versions left."""
    restrict_umask()
    make_private_dir(config.data_dir)
    fixed = narrow_modes(config.data_dir)
    if fixed:
        log.warning("Made %d files in %s private to this user", len(fixed), config.data_dir)


def serve(config: HelperConfig) -> int:
    secure_data_folder(config)
    open_files.raise_soft_limit()
    try:
        with single_instance(config.lock_path):
            # Bound before the database opens: a taken port costs the seller one line, nothing else.
            sock = bind_socket(config.port)
            asyncio.run(run_server(config, sock=sock))
    except AlreadyRunning as error:
        print(f"error: {error}")
        return EXIT_ALREADY_RUNNING
    except PortUnavailable as error:
        print(f"error: {error}", flush=True)
        return EXIT_PORT_UNAVAILABLE
    return 0
