"""`sendocki-helper doctor`: the checks a seller or support runs when something is off."""

import sqlite3
import sys

import aiohttp
import peewee
import phonenumbers
import pydantic

from sendocki_helper import PRODUCT, __version__, open_files
from sendocki_helper.config import HelperConfig
from sendocki_helper.instance import is_running
from sendocki_helper.port_check import identity, is_free
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


def port_check(config: HelperConfig, folder_helper_id: str | None) -> tuple[bool, str]:
    """Whether the port is this folder's helper, free, another folder's helper or another program."""
    port, folder = config.port, config.data_dir
    if is_free(port):
        if is_running(config.lock_path):
            return True, f"{port} is free; the helper of {folder} runs on another port (--port)"
        return True, (
            f"{port} is free: no helper is running (start it with `sendocki-helper serve`)"
        )
    helper = identity(f"http://127.0.0.1:{port}")
    if helper is None:
        return False, (
            f"{port} is taken by another program: close it, or run the helper with "
            "`--port N` and set the same port in the extension's options"
        )
    if folder_helper_id and helper.get("helper_id") == folder_helper_id:
        kind = " (the demo workspace)" if helper.get("demo") else ""
        return True, f"{port} is this folder's helper{kind}, version {helper.get('version')}"
    return False, (
        f"{port} is a Sendocki helper serving another data folder, not {folder}: the extension "
        "talks to that one. Stop it, or give this folder's helper another port"
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
    helper_id = None
    if not config.database_path.exists():
        report(
            "database",
            False,
            f"no workspace yet in {config.data_dir}: start the helper once "
            "(`sendocki-helper serve`)",
        )
    else:
        report_file_modes(config, report)
        helper_id = _check_database(config, report)
    report_open_files(report)
    report("port", *port_check(config, helper_id))
    return 0 if ok else 1


def _check_database(config: HelperConfig, report) -> str | None:
    from sendocki_helper.services import demo, settings

    try:
        database = open_database(config.database_path)
    except Exception as error:  # a broken file is exactly what doctor must report
        report("database", False, f"{config.database_path}: {error}")
        return None
    try:
        integrity = database.execute_sql("PRAGMA integrity_check").fetchone()[0]
        version = schema_version(database)
        report(
            "database",
            integrity == "ok",
            f"{config.database_path}: integrity {integrity}, schema {version}/{latest_version()}",
        )
        if demo.is_demo():
            report("workspace", True, "the demo (sample products and customers)")
        return settings.get("helper_id")
    except Exception as error:
        report("database", False, f"{config.database_path}: {error}")
        return None
    finally:
        database.close()
