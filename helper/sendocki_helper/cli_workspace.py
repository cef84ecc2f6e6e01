"""Which data folder a command works on, and refusing one that does not exist.

A mistyped --data-dir must not silently start an empty workspace: only `serve` and
`import-catalog` create a folder, the default one by themselves, any other with --create.
"""

import argparse
from pathlib import Path

from sendocki_helper.config import default_data_dir, demo_data_dir


class CommandError(Exception):
    """A refusal worded for the seller; main() prints it and exits with `code`."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message, self.code = message, code


def add_folder_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: absent unless given, so `stages --data-dir X list` keeps X (a nested command's
    # default would otherwise overwrite it).
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder of the workspace: database, logs, settings (default: {default_data_dir()})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"the demo workspace, in its own folder ({demo_data_dir()})",
    )


def add_create_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--create", action="store_true", help="create the --data-dir folder if it does not exist"
    )


def data_dir(args) -> Path:
    if getattr(args, "data_dir", None):
        return Path(args.data_dir).expanduser()
    return demo_data_dir() if getattr(args, "demo", False) else default_data_dir()


def existing_data_dir(args, can_create: bool = False) -> Path:
    """The command's folder; refused when it does not exist (or is not a folder)."""
    folder = data_dir(args)
    if folder.is_dir():
        return folder
    if folder.exists():
        raise CommandError(f"{folder} is a file, not a data folder")
    if getattr(args, "data_dir", None):
        how = (
            "add --create"
            if can_create
            else f'run `sendocki-helper serve --data-dir "{folder}" --create`'
        )
        raise CommandError(
            f"there is no data folder {folder}. Check the path; to start a new workspace there, "
            + how
        )
    start = (
        "sendocki-helper serve --demo" if getattr(args, "demo", False) else "sendocki-helper serve"
    )
    raise CommandError(f"no workspace yet in {folder}: start the helper once with `{start}`")


def data_dir_to_create(args) -> Path:
    """For serve and import-catalog: the default folders are created, another only with --create."""
    folder = data_dir(args)
    if folder.is_dir() or not getattr(args, "data_dir", None) or getattr(args, "create", False):
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is a file, not a data folder")
        return folder
    return existing_data_dir(args, can_create=True)
