"""Schema migrations: numbered SQL files applied in order, tracked by PRAGMA user_version.

A file is never edited once released; a change is a new file. Each file runs in one transaction.
"""

import re
from importlib import resources

import peewee

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def available_migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("sendocki_helper.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration numbers must be 1..N without gaps, found {numbers}")
    return found


def schema_version(database: peewee.SqliteDatabase) -> int:
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def latest_version() -> int:
    return len(available_migrations())


def apply_migrations(database: peewee.SqliteDatabase) -> list[str]:
    """Bring the file up to the latest schema; returns the names of the migrations applied."""
    current = schema_version(database)
    latest = latest_version()
    if current > latest:
        raise RuntimeError(
            f"database schema {current} is newer than this helper ({latest}); update the helper"
        )
    applied = []
    raw = database.connection()
    for number, name, sql in available_migrations():
        if number <= current:
            continue
        # executescript commits implicitly, so the BEGIN/COMMIT live inside the script itself.
        try:
            raw.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        except Exception:
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
