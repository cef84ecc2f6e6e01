"""`sendocki-helper connect | disconnect | sync`: the Sendocki account of this helper."""

import asyncio
from pathlib import Path
from typing import Any

ERROR_REFUSED, ERROR_UNREACHABLE, ERROR_NOT_CONNECTED = 2, 3, 4


def register(sub, common) -> None:
    connect = sub.add_parser(
        "connect", parents=[common], help="connect a Sendocki account (checks the key)"
    )
    connect.add_argument(
        "--api-url", required=True, help="the Sendocki sync API base URL (https://)"
    )
    connect.add_argument(
        "--api-key",
        help="the account's API key; better left out: other users can read a command line, so "
        f"by default it is read from {API_KEY_VARIABLE}, else standard input, else a prompt",
    )
    connect.set_defaults(run=cmd_connect)

    disconnect = sub.add_parser("disconnect", parents=[common], help="forget the Sendocki account")
    disconnect.set_defaults(run=cmd_disconnect)

    sync = sub.add_parser("sync", parents=[common], help="pull the workspace from Sendocki now")
    sync.add_argument("--full", action="store_true", help="pull everything again, not only changes")
    sync.add_argument("--quiet", action="store_true", help="no progress bar")
    sync.set_defaults(run=cmd_sync)


def _store(args):
    from sendocki_helper.store.db import Store

    return Store(Path(args.data_dir) / "helper.sqlite3")


API_KEY_VARIABLE = "SENDOCKI_API_KEY"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def api_url_problem(url: str) -> str | None:
    """https only: the API key and customers' data cross the network. http only to this computer
    (the sandbox, a local proxy)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and (parts.hostname or "").lower() in LOOPBACK_HOSTS:
        return None
    return "the API address must start with https:// (http:// only for this computer)"


def read_api_key(args) -> str:
    """--api-key (with a warning), else SENDOCKI_API_KEY, else a line on standard input, else a
    prompt that does not echo."""
    import getpass
    import os
    import sys

    if args.api_key:
        print(
            "warning: --api-key is visible to other users of this computer while the command "
            f"runs; prefer {API_KEY_VARIABLE} or the prompt",
            file=sys.stderr,
        )
        return args.api_key.strip()
    if os.environ.get(API_KEY_VARIABLE):
        return os.environ[API_KEY_VARIABLE].strip()
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return getpass.getpass("Sendocki API key (not shown): ").strip()


def cmd_connect(args) -> int:
    from sendocki_helper.services import connection
    from sendocki_helper.sync import credentials
    from sendocki_helper.sync.client import ApiError, AuthRefused, SendockiClient, Unreachable

    problem = api_url_problem(args.api_url)
    if problem:
        print(f"error: {problem}; nothing was saved")
        return ERROR_REFUSED
    api_key = read_api_key(args)
    if not api_key:
        print("error: no API key was given; nothing was saved")
        return ERROR_REFUSED

    async def check():
        async with SendockiClient(args.api_url, api_key, timeout=15) as client:
            return await client.account()

    try:
        account = asyncio.run(check())
    except AuthRefused:
        print("error: Sendocki refused this API key; nothing was saved")
        return ERROR_REFUSED
    except Unreachable as error:
        print(f"error: {error.message}; nothing was saved")
        return ERROR_UNREACHABLE
    except ApiError as error:
        print(f"error: the API answered {error.status}: {error.message}; nothing was saved")
        return ERROR_UNREACHABLE
    path = credentials.save(
        Path(args.data_dir), credentials.Credentials(args.api_url.rstrip("/"), api_key)
    )
    store = _store(args)
    try:
        queued = asyncio.run(
            _in_store(
                store, connection.mark_connected, args.api_url.rstrip("/"), account.workspace_name
            )
        )
    finally:
        store.close()
    print(
        f"Connected to {account.workspace_name or 'the Sendocki workspace'} ({account.currency})."
    )
    print(f"API key stored in {path} (readable only by you).")
    if queued:
        print(f"{queued} order(s) saved before connecting will be sent by the running helper.")
    return 0


def cmd_disconnect(args) -> int:
    from sendocki_helper.services import connection
    from sendocki_helper.sync import credentials

    removed = credentials.delete(Path(args.data_dir))
    store = _store(args)
    try:
        asyncio.run(_in_store(store, connection.mark_disconnected))
    finally:
        store.close()
    print("Disconnected; the API key was deleted." if removed else "No account was connected.")
    return 0


def cmd_sync(args) -> int:
    from sendocki_helper.sync import credentials, pull_store
    from sendocki_helper.sync.client import ApiError, SendockiClient
    from sendocki_helper.sync.puller import pull_all

    account = credentials.load(Path(args.data_dir))
    if account is None:
        print("error: no Sendocki account is connected; run `sendocki-helper connect` first")
        return ERROR_NOT_CONNECTED
    store = _store(args)
    bars: dict[str, Any] = {}  # tqdm bars by feed

    def progress(feed: str, done: int, total: int | None) -> None:
        if total is None or args.quiet:
            return
        from tqdm import tqdm

        bar = bars.get(feed) or bars.setdefault(feed, tqdm(total=total, desc=feed, unit=" items"))
        bar.update(done - bar.n)

    async def run():
        if args.full:
            await store.run(pull_store.reset_cursors)
        async with SendockiClient(account.api_url, account.api_key, timeout=60) as client:
            return await pull_all(store, client, progress)

    try:
        counts = asyncio.run(run())
    except ApiError as error:
        print(f"error: the pull failed: {error.message}")
        return ERROR_UNREACHABLE
    finally:
        for bar in bars.values():
            bar.close()
        store.close()
    print("Pulled: " + ", ".join(f"{feed} {n}" for feed, n in counts.items()))
    return 0


async def _in_store(store, fn, *args):
    return await store.run(fn, *args)
