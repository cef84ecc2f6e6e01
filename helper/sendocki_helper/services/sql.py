"""Plain SQL for the hot paths (resolve, create): fixed statements, tuples back.

Building a peewee query costs ~0.1-0.3 ms of Python per statement, several times the SQLite
work itself; on the order and resolve paths that overhead dominated (docs/orders.md, benchmark).
`execute` runs one statement on the current connection, right now; it is not `Store.run`, which
schedules a whole function on the writer thread (these helpers are called from inside such a
function). Money is integer centimes in SQLite, as MoneyField stores it (store.fields.to_centimes /
from_centimes convert).
"""

from sendocki_helper.store.models import database_proxy


def rows(sql: str, params: tuple = ()) -> list[tuple]:
    return database_proxy.execute_sql(sql, params).fetchall()


def one(sql: str, params: tuple = ()) -> tuple | None:
    return database_proxy.execute_sql(sql, params).fetchone()


def aggregate(sql: str, params: tuple = ()) -> tuple:
    """The one row of a query that always has one (COUNT, MAX, COALESCE...)."""
    row = one(sql, params)
    if row is None:
        raise LookupError(f"no row from an aggregate query: {sql}")
    return row


def execute(sql: str, params: tuple = ()) -> None:
    database_proxy.execute_sql(sql, params)


def execute_many(sql: str, params: list[tuple]) -> None:
    database_proxy.connection().executemany(sql, params)
