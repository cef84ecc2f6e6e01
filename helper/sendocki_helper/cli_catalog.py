"""`sendocki-helper import-catalog FILE`: Sendocki template or Shopify export (CSV or .xlsx).

Exit codes: 0 every line imported; 1 some lines rejected (the others imported); 2 the file
cannot be imported at all (missing, unreadable, unknown format) or bad arguments.
"""

from pathlib import Path

EXIT_OK, EXIT_REJECTED_LINES, EXIT_UNUSABLE = 0, 1, 2
SHOWN_ERRORS = 50


def register(subparsers, common) -> None:
    command = subparsers.add_parser(
        "import-catalog",
        parents=[common],
        help="import products from Sendocki's template or a Shopify export, CSV or .xlsx "
        "(updates by SKU)",
    )
    command.add_argument(
        "file",
        metavar="FILE",
        help="a .csv file (',' or ';' separated, UTF-8 or Windows-1252) or an .xlsx workbook",
    )
    command.add_argument(
        "--sheet", metavar="NAME", help="the workbook's sheet to read (default: the first)"
    )
    command.add_argument("--no-progress", action="store_true", help="no progress bar")
    command.set_defaults(run=cmd_import_catalog)


def cmd_import_catalog(args) -> int:
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.services.catalog_import import ImportFileError, import_catalog
    from sendocki_helper.store.db import open_database

    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file")
        return EXIT_UNUSABLE
    database = open_database(HelperConfig(data_dir=Path(args.data_dir)).database_path)
    try:
        summary = import_catalog(path, progress=not args.no_progress, sheet=args.sheet)
    except ImportFileError as error:
        print(f"error: {path}: {error}")
        return EXIT_UNUSABLE
    finally:
        database.close()
    print(f"{path.name}: {summary.format} format, {summary.lines} lines")
    print(
        f"products created: {summary.created}, updated: {summary.updated}, "
        f"unchanged: {summary.unchanged}, lines rejected: {len(summary.rejected)}"
    )
    for rejected in summary.rejected[:SHOWN_ERRORS]:
        print(f"  rejected {rejected}")
    if len(summary.rejected) > SHOWN_ERRORS:
        print(f"  ... and {len(summary.rejected) - SHOWN_ERRORS} more")
    return EXIT_REJECTED_LINES if summary.rejected else EXIT_OK
