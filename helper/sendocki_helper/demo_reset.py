"""Erasing the demo workspace so the next `serve --demo` seeds it afresh. Only a demo folder,
and only while no helper serves it."""

import shutil

from sendocki_helper.cli_workspace import CommandError
from sendocki_helper.config import HelperConfig
from sendocki_helper.instance import is_running
from sendocki_helper.services import demo
from sendocki_helper.store.db import open_database
from sendocki_helper.sync import credentials

DATABASE_SUFFIXES = ("", "-wal", "-shm")


def reset_demo(config: HelperConfig) -> None:
    if is_running(config.lock_path):
        raise CommandError(
            f"a helper is running on {config.data_dir}: stop it first (Ctrl-C in its window)"
        )
    if not config.database_path.exists():
        return
    database = open_database(config.database_path)
    try:
        is_a_demo = demo.is_demo()
    finally:
        database.close()
    if not is_a_demo:
        raise CommandError(
            f"{config.data_dir} holds a real workspace, not the demo; nothing was erased"
        )
    for suffix in DATABASE_SUFFIXES:
        config.database_path.with_name(config.database_path.name + suffix).unlink(missing_ok=True)
    shutil.rmtree(config.data_dir / "backups", ignore_errors=True)
    credentials.delete(config.data_dir)
