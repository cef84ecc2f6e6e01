"""Opening the SQLite file and running all database work on one writer thread.

WAL with synchronous=FULL: an acknowledged order must survive power loss (docs/security.md, "Durability").
Every transaction is BEGIN IMMEDIATE, so a writer never upgrades a read lock and deadlocks.
"""

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import peewee

from sendocki_helper.private_files import create_private_file, make_private_dir
from sendocki_helper.store.migrate import apply_migrations
from sendocki_helper.store.models import database_proxy

T = TypeVar("T")
P = ParamSpec("P")

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
}


class StoreError(RuntimeError):
    pass


def sqlite_has_fts5() -> bool:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def open_database(path: Path) -> peewee.SqliteDatabase:
    """Open (creating if needed) and upgrade the store, and bind the models to it."""
    if not sqlite_has_fts5():
        raise StoreError("this SQLite build lacks FTS5; catalog search cannot work")
    make_private_dir(path.parent)
    # SQLite gives -wal and -shm the main file's mode: 0600 here makes all three private.
    create_private_file(path)
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    database_proxy.initialize(database)
    database.connect(reuse_if_open=True)
    apply_migrations(database)
    return database


class Store:
    """The single writer: all database work runs on one thread, in call order.

    peewee keeps one connection per thread, so this thread owns its connection.
    """

    def __init__(self, path: Path):
        self.path = path
        self.database = open_database(path)
        self.database.close()  # the opening thread's connection is not the writer's
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Schedules `fn(*args, **kwargs)` on the writer thread, after the work queued before it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, fn, args, kwargs)

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
        self.database.connect(reuse_if_open=True)
        return fn(*args, **kwargs)

    def close(self) -> None:
        def _checkpoint_and_close() -> None:
            if not self.database.is_closed():
                self.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                self.database.close()

        self._executor.submit(_checkpoint_and_close).result()
        self._executor.shutdown(wait=True)
