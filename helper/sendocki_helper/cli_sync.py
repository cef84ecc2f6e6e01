"""`sendocki-helper connect | disconnect | sync`: the Sendocki account of this helper."""

import asyncio
import sys
from typing import Any

from sendocki_helper.cli_workspace import CommandError, existing_data_dir
from sendocki_helper.connect_address import check_api_url, describe_failure

ERROR_REFUSED, ERROR_UNREACHABLE, ERROR_NOT_CONNECTED = 2, 3, 4


def register(sub, common) -> None:
    connect = sub.add_parser(
        "connect", parents=[common], help="connect a Sendocki account (checks the key)"
    )
    connect.add_argument(
        "--api-url", required=True, help="the Sendocki API address, e.g. https://api.sendocki.com"
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
    sync.add_argument(
        "--quiet", action="store_true", help="no progress bar (none unless on a terminal)"
    )
    sync.set_defaults(run=cmd_sync)


def _store(folder):
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.store.db import Store

    return Store(HelperConfig(data_dir=folder).database_path)


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
    from sendocki_helper.sync.client import ApiError, AuthRefused, SendockiClient

    folder = existing_data_dir(args)
    api_url = check_api_url(args.api_url)
    problem = api_url_problem(api_url)
    if problem:
        raise CommandError(f"{problem}; nothing was saved", ERROR_REFUSED)
    api_key = read_api_key(args)
    if not api_key:
        raise CommandError("no API key was given; nothing was saved", ERROR_REFUSED)

    async def check():
        async with SendockiClient(api_url, api_key, timeout=15) as client:
            return await client.account()

    try:
        account = asyncio.run(check())
    except ApiError as error:
        code = ERROR_REFUSED if isinstance(error, AuthRefused) else ERROR_UNREACHABLE
        raise CommandError(describe_failure(api_url, error) + "; nothing was saved", code) from None
    path = credentials.save(folder, credentials.Credentials(api_url, api_key))
    store = _store(folder)
    try:
        queued = asyncio.run(
            _in_store(store, connection.mark_connected, api_url, account.workspace_name)
        )
    finally:
        store.close()
    print(
        f"Connected to {account.workspace_name or 'the Sendocki workspace'} ({account.currency})."
    )
    print(f"API key stored in {path} (readable only by you).")
    if queued:
        print(f"{queued} order(s) saved before connecting will be sent by the running helper.")
    print(
        "At its first sync the account's stages replace the local ones; orders already saved "
        "move to the account's stage of the same state."
    )
    return 0


def cmd_disconnect(args) -> int:
    from sendocki_helper.services import connection
    from sendocki_helper.sync import credentials

    folder = existing_data_dir(args)
    removed = credentials.delete(folder)
    store = _store(folder)
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

    folder = existing_data_dir(args)
    account = credentials.load(folder)
    if account is None:
        raise CommandError(
            "no Sendocki account is connected; run `sendocki-helper connect` first",
            ERROR_NOT_CONNECTED,
        )
    store = _store(folder)
    bars: dict[str, Any] = {}  # tqdm bars by feed
    # Bars only on a terminal: in a journal or a file their escape sequences are noise.
    show_bars = not args.quiet and sys.stderr.isatty()

    def progress(feed: str, done: int, total: int | None) -> None:
        if total is None or not show_bars:
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
        raise CommandError(f"the sync stopped: {error.message}", ERROR_UNREACHABLE) from None
    finally:
        for bar in bars.values():
            bar.close()
        store.close()
    print("Pulled: " + ", ".join(f"{feed} {n}" for feed, n in counts.items()))
    return 0


async def _in_store(store, fn, *args):
    return await store.run(fn, *args)
