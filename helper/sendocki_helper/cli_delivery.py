"""`sendocki-helper delivery-fees [FILE] [--default-fee X] [--free-above X]`: the workspace's
delivery fee by city (docs/delivery.md). Without FILE it prints the current setting.

Exit codes as import-catalog: 0 done, 1 some lines rejected (the others imported), 2 unusable.
"""

from pathlib import Path
from typing import Any

from sendocki_helper.cli_catalog import EXIT_OK, EXIT_REJECTED_LINES, EXIT_UNUSABLE, SHOWN_ERRORS


def register(subparsers, common) -> None:
    command = subparsers.add_parser(
        "delivery-fees",
        parents=[common],
        help="set the delivery fee by city from a CSV/.xlsx (city,fee), or show it",
    )
    command.add_argument(
        "file", metavar="FILE", nargs="?", help="city,fee rows (replaces the table)"
    )
    command.add_argument("--default-fee", metavar="AMOUNT", help="fee for the other cities")
    command.add_argument(
        "--free-above", metavar="AMOUNT", help="delivery is free from this products total"
    )
    command.set_defaults(run=cmd_delivery_fees)


def _amount(text: str | None, option: str):
    from sendocki_helper.services.importers.records import LineError, money

    if text is None or text.strip().lower() in ("", "none"):
        return None
    try:
        return money(text, 0, option, required=True)
    except LineError as error:
        raise ValueError(f"{option}: {error.message}") from None


def cmd_delivery_fees(args) -> int:
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.services import delivery
    from sendocki_helper.services.delivery_import import import_fees
    from sendocki_helper.services.importers.sources import ImportFileError
    from sendocki_helper.store.db import open_database

    try:
        default_fee = _amount(args.default_fee, "--default-fee")
        free_above = _amount(args.free_above, "--free-above")
    except ValueError as error:
        print(f"error: {error}")
        return EXIT_UNUSABLE
    database = open_database(HelperConfig(data_dir=Path(args.data_dir)).database_path)
    try:
        current = delivery.load()  # an option not given keeps its value
        if args.default_fee is None:
            default_fee = current.default_fee
        if args.free_above is None:
            free_above = current.free_above
        errors: list[Any] = []
        if args.file:
            path = Path(args.file)
            if not path.is_file():
                print(f"error: {path}: no such file")
                return EXIT_UNUSABLE
            try:
                _, errors = import_fees(path, default_fee, free_above)
            except ImportFileError as error:
                print(f"error: {path}: {error}")
                return EXIT_UNUSABLE
        elif args.default_fee is not None or args.free_above is not None:
            delivery.replace(current.fees, default_fee, free_above, current.source or "file")
        _print(delivery.load())
        for rejected in errors[:SHOWN_ERRORS]:
            print(f"  rejected {rejected}")
        return EXIT_REJECTED_LINES if errors else EXIT_OK
    finally:
        database.close()


def _print(setting) -> None:
    print(f"delivery fees: {len(setting.fees)} cities (from {setting.source or 'nowhere yet'})")
    for row in setting.fees:
        print(f"  {row.city}: {row.fee}")
    print(f"other cities: {setting.default_fee if setting.default_fee is not None else 'no fee'}")
    free = setting.free_above
    print(f"free from: {free if free is not None else 'never'}")
