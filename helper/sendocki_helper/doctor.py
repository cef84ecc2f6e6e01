"""`sendocki-helper doctor`: the checks a seller or support runs when something is off."""

import json
import socket
import sqlite3
import sys
import urllib.request

import aiohttp
import peewee
import phonenumbers
import pydantic

from sendocki_helper import PRODUCT, __version__
from sendocki_helper.config import HelperConfig
from sendocki_helper.store.db import open_database, sqlite_has_fts5
from sendocki_helper.store.migrate import latest_version, schema_version


def _port_state(port: int) -> str:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        return "free"
    except OSError:
        pass
    finally:
        sock.close()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/ping", timeout=2) as answer:
            if json.load(answer).get("product") == PRODUCT:
                return "ours"
    except Exception:
        pass
    return "taken by another program"


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
    state = _port_state(config.port)
    report("port", state != "taken by another program", f"{config.port} is {state}")
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
