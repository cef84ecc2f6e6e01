"""`sendocki-helper doctor`: the checks a seller or support runs when something is off."""

import sqlite3
import sys

import aiohttp
import peewee
import phonenumbers
import pydantic

from sendocki_helper import PRODUCT, __version__, open_files
from sendocki_helper.config import HelperConfig
from sendocki_helper.port_check import OTHER, port_state
from sendocki_helper.private_files import wrong_modes
from sendocki_helper.store.db import open_database, sqlite_has_fts5
from sendocki_helper.store.migrate import latest_version, schema_version

# Below this the helper cannot keep a few hundred connections and its files open at once.
MIN_OPEN_FILES = 1024


def report_file_modes(config: HelperConfig, report) -> None:
    wrong = wrong_modes(config.data_dir)
    if not wrong:
        report("file modes", True, f"{config.data_dir} and its files are private to this user")
        return
    listed = ", ".join(f"{path} is {mode:04o}" for path, mode in wrong[:5])
    more = f" and {len(wrong) - 5} more" if len(wrong) > 5 else ""
    report(
        "file modes",
        False,
        f"other users can read customer data: {listed}{more} "
        f"(start the helper once to fix them, or run: chmod -R go-rwx {config.data_dir})",
    )


def report_open_files(report) -> None:
    now = open_files.limits()
    if now is None:
        report("open files", True, "no per-process limit on this system")
        return
    after = open_files.raise_soft_limit() or now  # what `serve` will have
    shown = ["unlimited" if v < 0 else str(v) for v in (*now, after[0])]
    usable = after[0] < 0 or after[0] >= MIN_OPEN_FILES
    report(
        "open files",
        usable,
        f"limit {shown[0]} (hard {shown[1]}); the helper raises it to {shown[2]} when it starts"
        + ("" if usable else f": below {MIN_OPEN_FILES}, raise the hard limit (ulimit -Hn)"),
    )


def run_checks(config: HelperConfig) -> int:
    ok = True

    def report(name: str, good: bool, detail: str) -> None:
        nonlocal ok
        ok = ok and good
        print(f"[{'ok' if good else 'FAIL'}] {name}: {detail}")

    report(
        "versions",
        True,
        f"{PRODUCT} {__version__}, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}, aiohttp {aiohttp.__version__}, pydantic {pydantic.VERSION}, "
        f"peewee {getattr(peewee, '__version__', '?')}, phonenumbers {getattr(phonenumbers, '__version__', '?')}",
    )
    report(
        "FTS5",
        sqlite_has_fts5(),
        "present" if sqlite_has_fts5() else "missing: catalog search cannot work",
    )
    report_file_modes(config, report)
    report_open_files(report)
    state = port_state(config.port)
    report("port", state != OTHER, f"{config.port} is {state}")
    try:
        database = open_database(config.database_path)
        integrity = database.execute_sql("PRAGMA integrity_check").fetchone()[0]
        version = schema_version(database)
        report(
            "database",
            integrity == "ok",
            f"{config.database_path}: integrity {integrity}, schema {version}/{latest_version()}",
        )
    except Exception as error:  # a broken file is exactly what doctor must report
        report("database", False, f"{config.database_path}: {error}")
    return 0 if ok else 1
