"""`sendocki-helper` command line. Every command takes --data-dir (or --demo)."""

import argparse
import sys

from sendocki_helper import __version__
from sendocki_helper.cli_workspace import (
    CommandError,
    add_create_option,
    add_folder_options,
    data_dir_to_create,
    existing_data_dir,
)
from sendocki_helper.config import DEFAULT_PORT, HelperConfig


def _config(args, folder) -> HelperConfig:
    config = HelperConfig(
        data_dir=folder,
        port=getattr(args, "port", DEFAULT_PORT),
        demo=getattr(args, "demo", False),
    )
    extra_ids = getattr(args, "extension_id", None) or []
    config.extension_ids = (*config.extension_ids, *extra_ids)
    config.photos_from_local_network = getattr(args, "photos_from_local_network", False)
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

    folder = data_dir_to_create(args)
    config = _config(args, folder)
    if config.demo:
        _refuse_demo_over_seller_data(config)
    folder.mkdir(parents=True, exist_ok=True)
    setup_logging(config.log_dir, verbose=args.verbose)
    if config.demo:
        print(
            f"Demo workspace in {folder}: sample products and customers, not a shop's "
            "(`sendocki-helper reset-demo` erases it once stopped)",
            flush=True,
        )
    return serve(config)


def _refuse_demo_over_seller_data(config: HelperConfig) -> None:
    if not config.database_path.exists():
        return
    from sendocki_helper.services import demo

    with _opened(config):
        if demo.holds_seller_data():
            raise CommandError(
                f"{config.data_dir} holds a real workspace, not the demo; the demo was not added "
                "to it. Leave out --data-dir to use the demo's own folder."
            )


def cmd_pair(args) -> int:
    from sendocki_helper.instance import is_running
    from sendocki_helper.services import pairing

    config = _config(args, existing_data_dir(args))
    with _opened(config):
        code = pairing.issue_code()
    if not is_running(config.lock_path):
        print(
            f"Note: no helper is running on {config.data_dir}. Start it "
            f"(`sendocki-helper serve{_folder_flag(args)}`) before typing the code: "
            "the extension pairs with the running helper.",
            file=sys.stderr,
        )
    print("Type this code in the extension's options page (valid 10 minutes, single use):")
    print(code)
    return 0


def _folder_flag(args) -> str:
    if getattr(args, "data_dir", None):
        return f' --data-dir "{args.data_dir}"'
    return " --demo" if getattr(args, "demo", False) else ""


def cmd_pairings(args) -> int:
    from sendocki_helper.services import pairing

    with _opened(_config(args, existing_data_dir(args))):
        if args.revoke:
            if not pairing.revoke(args.revoke):
                raise CommandError(
                    f"no active pairing {args.revoke}; `sendocki-helper pairings` lists them", 1
                )
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
    from sendocki_helper.status_text import print_status

    config = _config(args, existing_data_dir(args))
    with _opened(config):
        return print_status(config, as_json=args.json)


def cmd_doctor(args) -> int:
    from sendocki_helper.cli_workspace import data_dir
    from sendocki_helper.doctor import run_checks

    return run_checks(_config(args, data_dir(args)))


def cmd_reset_demo(args) -> int:
    from sendocki_helper.demo_reset import reset_demo

    args.demo = not getattr(args, "data_dir", None)  # the demo's own folder unless told otherwise
    config = _config(args, existing_data_dir(args))
    reset_demo(config)
    print(f"The demo workspace in {config.data_dir} was reset.")
    print("`sendocki-helper serve --demo` (or scripts/demo.sh) creates it again.")
    return 0


class _opened:
    """The workspace's database, open for this command and closed after it."""

    def __init__(self, config: HelperConfig):
        self.config = config

    def __enter__(self):
        from sendocki_helper.store.db import open_database

        self.database = open_database(self.config.database_path)
        return self.database

    def __exit__(self, *exc) -> None:
        self.database.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendocki-helper", description="Local helper for Sendocki orders from WhatsApp Web"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    add_folder_options(common)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser(
        "serve", parents=[common], help="run the helper on 127.0.0.1 (--demo: the demo workspace)"
    )
    add_create_option(serve)
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help="port (default: %(default)s; 0 = any free port)",
    )
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
    serve.add_argument(
        "--photos-from-local-network",
        action="store_true",
        help="also fetch product photos from this computer and private networks "
        "(by default only public addresses are fetched)",
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

    status = sub.add_parser(
        "status", parents=[common], help="workspace, account, orders waiting to be sent"
    )
    status.add_argument("--json", action="store_true", help="for scripts: one JSON object")
    status.set_defaults(run=cmd_status)

    doctor = sub.add_parser("doctor", parents=[common], help="check FTS5, port, database, versions")
    doctor.add_argument("--port", type=port_number, default=DEFAULT_PORT)
    doctor.set_defaults(run=cmd_doctor)

    reset = sub.add_parser(
        "reset-demo",
        parents=[common],
        help="erase the demo workspace (only a demo; the helper must be stopped)",
    )
    reset.set_defaults(run=cmd_reset_demo)

    for register in _extra_commands():
        register(sub, common)
    return parser


def _extra_commands():
    """Command groups that live in their own modules (catalog import, sync, stages, autostart)."""
    registered = []
    for module_name in EXTRA_COMMAND_MODULES:
        module = __import__(module_name, fromlist=["register"])
        registered.append(module.register)
    return registered


# Each module exposes register(subparsers, common_parent_parser).
EXTRA_COMMAND_MODULES: list[str] = [
    "sendocki_helper.cli_sync",
    "sendocki_helper.cli_catalog",
    "sendocki_helper.cli_stages",
    "sendocki_helper.cli_autostart",
    "sendocki_helper.cli_delivery",
]


def main(argv=None) -> int:
    from sendocki_helper.private_files import restrict_umask

    args = build_parser().parse_args(argv)
    restrict_umask()  # every command may create files in the data folder: private from the start
    try:
        return args.run(args)
    except CommandError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("stopped (Ctrl-C)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
