"""Housekeeping: a consistent daily backup, expired idempotency keys dropped."""

import sqlite3

from sendocki_helper import clock
from sendocki_helper.services import demo, maintenance
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import Customer, IdempotencyKey


def test_daily_backup_is_a_complete_database_made_once_a_day(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    demo.seed_demo()
    folder = tmp_path / "backups"
    made = maintenance.daily_backup(folder)
    assert made is not None and made.exists()
    assert maintenance.daily_backup(folder) is None  # already done today
    copy = sqlite3.connect(made)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (
        copy.execute("SELECT count(*) FROM customers").fetchone()[0]
        == Customer.select().count()
        > 0
    )
    copy.close()
    database.close()


def test_only_the_newest_backups_are_kept(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 11):
        maintenance.backup_path(folder, f"2026-01-{day:02d}").write_bytes(b"old")
    maintenance.daily_backup(folder)
    kept = sorted(p.name for p in folder.glob("helper-*.sqlite3"))
    assert len(kept) == maintenance.KEEP_BACKUPS
    assert kept[-1].startswith("helper-" + clock.now_iso()[:10])
    database.close()


def test_expired_idempotency_keys_are_purged_and_live_ones_kept(tmp_path):
    database = open_database(tmp_path / "helper.sqlite3")
    common = {
        "pairing_id": "pr_1",
        "method": "POST",
        "path": "/v1/orders",
        "request_hash": "h",
        "state": "done",
        "created_at": clock.now_iso(),
    }
    IdempotencyKey.create(key="old", expires_at="2000-01-01T00:00:00.000000Z", **common)
    IdempotencyKey.create(key="live", expires_at=clock.iso_in(days=7), **common)
    assert maintenance.purge_expired_keys() == 1
    assert [k.key for k in IdempotencyKey.select()] == ["live"]
    database.close()


async def test_the_running_helper_writes_todays_backup(aiohttp_server, tmp_path, monkeypatch):
    import asyncio

    from sendocki_helper.api import app as app_module
    from tests.support import start_helper

    monkeypatch.setattr(app_module, "HOUSEKEEPING_FIRST_DELAY_SECONDS", 0.0)
    helper = await start_helper(aiohttp_server, tmp_path / "data")
    await helper.session.close()
    folder = helper.data_dir / "backups"
    for _ in range(100):
        if list(folder.glob("helper-*.sqlite3")):
            break
        await asyncio.sleep(0.05)
    assert [p.name for p in folder.glob("helper-*.sqlite3")] == [
        f"helper-{clock.now_iso()[:10]}.sqlite3"
    ]
