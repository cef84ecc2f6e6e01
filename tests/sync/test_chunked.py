"""Lookups by a long list of values: every value is asked for once, whatever the chunk size."""

import sqlite3

from sendocki_helper.sync.chunked import CHUNK, rows_in_chunks


def test_every_value_of_a_list_longer_than_several_chunks_is_looked_up(tmp_path):
    conn = sqlite3.connect(tmp_path / "lookup.sqlite3")
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)")
    conn.executemany(
        "INSERT INTO items VALUES (?, ?)", [(i, "odd" if i % 2 else "even") for i in range(3000)]
    )
    wanted = list(range(2 * CHUNK + 201))  # two full chunks and a partial one

    found = list(
        rows_in_chunks(conn, wanted, lambda marks: f"SELECT id FROM items WHERE id IN ({marks})")
    )
    assert sorted(row[0] for row in found) == wanted

    evens = rows_in_chunks(
        conn,
        wanted,
        lambda marks: f"SELECT id FROM items WHERE kind = ? AND id IN ({marks})",
        leading=("even",),
    )
    assert sorted(row[0] for row in evens) == [i for i in wanted if i % 2 == 0]
    assert (
        list(rows_in_chunks(conn, [], lambda marks: f"SELECT id FROM items WHERE id IN ({marks})"))
        == []
    )
    conn.close()
