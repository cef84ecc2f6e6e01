"""Lookups by a long list of values (remote ids, SKUs, order ids), a chunk at a time.

A first pull brings tens of thousands of entries; one `IN (?, ...)` per CHUNK of them keeps every
statement within SQLite's limit on parameters (999 in older builds).
"""

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

CHUNK = 500


def rows_in_chunks(
    conn: sqlite3.Connection,
    values: Sequence[Any],
    statement: Callable[[str], str],
    leading: tuple[Any, ...] = (),
) -> Iterator[Any]:
    """The rows of `statement(marks)` for every chunk of `values`: `marks` is the chunk's "?,?,..."
    list; `leading` are the parameters that come before it."""
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        yield from conn.execute(statement(",".join("?" * len(chunk))), (*leading, *chunk))
