"""Housekeeping while the helper runs: a daily online backup, expired idempotency keys, WAL size.

A backup is the last line of "never lose an order": a copy made with SQLite's online backup API is
consistent even while orders are being written.
"""

import logging
import sqlite3
from pathlib import Path

from sendocki_helper import clock
from sendocki_helper.private_files import create_private_file, make_private_dir
from sendocki_helper.store.models import IdempotencyKey, database_proxy

log = logging.getLogger("sendocki_helper.maintenance")

KEEP_BACKUPS = 7
BACKUP_PREFIX = "helper-"


def backup_path(folder: Path, day: str) -> Path:
    return folder / f"{BACKUP_PREFIX}{day}.sqlite3"


def daily_backup(folder: Path) -> Path | None:
    """Today's backup, made if missing; keeps the newest KEEP_BACKUPS. Returns the new file or None."""
    make_private_dir(folder)
    target = backup_path(folder, clock.now_iso()[:10])
    if target.exists():
        return None
    partial = target.with_suffix(".partial")
    source = database_proxy.connection()
    create_private_file(partial)  # a copy of every customer: 0600 whatever the umask
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
    finally:
        destination.close()
    partial.replace(target)  # a crash mid-copy never leaves a file that looks complete
    for old in sorted(folder.glob(f"{BACKUP_PREFIX}*.sqlite3"))[:-KEEP_BACKUPS]:
        old.unlink()
    log.info("Backup written: %s", target.name)
    return target


def purge_expired_keys() -> int:
    """Idempotency keys past their retention (7 days) answer nothing any more; drop them."""
    with database_proxy.atomic():
        return IdempotencyKey.delete().where(IdempotencyKey.expires_at <= clock.now_iso()).execute()


def checkpoint() -> None:
    database_proxy.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def run_all(backup_folder: Path) -> dict[str, object]:
    done: dict[str, object] = {
        "backup": daily_backup(backup_folder),
        "purged_keys": purge_expired_keys(),
    }
    checkpoint()
    return done
