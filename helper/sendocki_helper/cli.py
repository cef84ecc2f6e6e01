"""`sendocki-helper` command line. Every command takes --data-dir."""

import argparse
import sys
from pathlib import Path

from sendocki_helper import __version__
from sendocki_helper.config import DEFAULT_PORT, HelperConfig, default_data_dir


def _config(args) -> HelperConfig:
    config = HelperConfig(
        data_dir=Path(args.data_dir),
        port=getattr(args, "port", DEFAULT_PORT),
        demo=getattr(args, "demo", False),
    )
    extra_ids = getattr(args, "extension_id", None) or []
    config.extension_ids = (*config.extension_ids, *extra_ids)
    rate = getattr(args, "rate_limit", None)
    if rate is not None:
        config.rate_per_second, config.rate_burst = rate, rate * 2
    return config


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (0 to 65535)")
    return port


def cmd_serve(args) -> int:
    from sendocki_helper.logs import setup_logging
    from sendocki_helper.serve import serve

    config = _config(args)
    setup_logging(config.log_dir, verbose=args.verbose)
    return serve(config)


def cmd_pair(args) -> int:
    from sendocki_helper.services import pairing

    _open(args)
    code = pairing.issue_code()
    print("Type this code in the extension's options page (valid 10 minutes, single use):")
    print(code)
    return 0


def cmd_pairings(args) -> int:
    from sendocki_helper.services import pairing

    _open(args)
    if args.revoke:
        if not pairing.revoke(args.revoke):
            print(f"error: no active pairing {args.revoke}")
            return 1
        print(f"revoked {args.revoke}")
        return 0
    rows = pairing.list_pairings()
    if not rows:
        print("No browser is paired.")
    for row in rows:
        state = "revoked" if row["revoked"] else "active"
        print(
            f"{row['id']}  {row['name']}  created {row['created_at'][:19]}  "
            f"last used {(row['last_used_at'] or '-')[:19]}  {state}"
        )
    return 0


def cmd_status(args) -> int:
    import json

    from sendocki_helper.services import status

    _open(args)
    print(json.dumps(status.describe(), indent=2))
    return 0


def cmd_doctor(args) -> int:
    from sendocki_helper.doctor import run_checks

    return run_checks(_config(args))


def _open(args):
    from sendocki_helper.store.db import open_database

    return open_database(_config(args).database_path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendocki-helper", description="Local helper for Sendocki orders from WhatsApp Web"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=str(default_data_dir()),
        help="folder for the database, logs and config (default: %(default)s)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the helper on 127.0.0.1")
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help="port (default: %(default)s; 0 = any free port)",
    )
    serve.add_argument("--demo", action="store_true", help="seed the demo workspace (idempotent)")
    serve.add_argument(
        "--rate-limit",
        type=float,
        metavar="N",
        help="requests per second per paired browser, burst 2N (default: 50; 0 = no limit)",
    )
    serve.add_argument(
        "--extension-id",
        action="append",
        metavar="ID",
        help="also accept pairing from this extension id (a development build with its own key)",
    )
    serve.add_argument("--verbose", action="store_true")
    serve.set_defaults(run=cmd_serve)

    pair = sub.add_parser("pair", parents=[common], help="print a fresh pairing code")
    pair.set_defaults(run=cmd_pair)

    pairings = sub.add_parser(
        "pairings", parents=[common], help="list paired browsers, or revoke one"
    )
    pairings.add_argument("--revoke", metavar="ID")
    pairings.set_defaults(run=cmd_pairings)

    status = sub.add_parser("status", parents=[common], help="mode, sync state, outbox depth")
    status.set_defaults(run=cmd_status)

    doctor = sub.add_parser("doctor", parents=[common], help="check FTS5, port, database, versions")
    doctor.add_argument("--port", type=port_number, default=DEFAULT_PORT)
    doctor.set_defaults(run=cmd_doctor)

    for register in _extra_commands():
        register(sub, common)
    return parser


def _extra_commands():
    """Command groups that live in their own modules (catalog import, sync)."""
    registered = []
    for module_name in EXTRA_COMMAND_MODULES:
        module = __import__(module_name, fromlist=["register"])
        registered.append(module.register)
    return registered


# Each module exposes register(subparsers, common_parent_parser).
EXTRA_COMMAND_MODULES: list[str] = [
    "sendocki_helper.cli_sync",
    "sendocki_helper.cli_catalog",
    "sendocki_helper.cli_delivery",
]


def main(argv=None) -> int:
    from sendocki_helper.private_files import restrict_umask

    args = build_parser().parse_args(argv)
    restrict_umask()  # every command may create files in the data folder: private from the start
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
