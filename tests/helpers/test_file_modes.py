"""Customer data is private to the seller's account: folder 0700, every file 0600, even under the
usual umask 022 and for files an older version left readable; `doctor` reports wrong modes."""

import asyncio
import os
import pwd
import stat
import subprocess

import pytest

from sendocki_helper.services import maintenance
from sendocki_helper.store.db import Store
from tests.support import HELPER_BIN, HelperProcess, free_port, http

pytestmark = pytest.mark.slow  # each test starts the helper program


def modes(folder) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): stat.S_IMODE(path.stat().st_mode)
        for path in [folder, *folder.rglob("*")]
    }


def readable_by_others(folder) -> dict[str, str]:
    return {name: oct(mode) for name, mode in modes(folder).items() if mode & 0o077}


def start_with_umask_022(data_dir) -> HelperProcess:
    proc = HelperProcess(data_dir, free_port())
    original = os.umask(0o022)
    try:
        proc.start()  # the child inherits the seller's usual umask
    finally:
        os.umask(original)
    return proc


def test_every_file_the_helper_writes_is_private_under_umask_022(tmp_path):
    data_dir = tmp_path / "data"
    proc = start_with_umask_022(data_dir)
    try:
        code = proc.pairing_code()
        status, _ = http("POST", proc.base_url + "/v1/pairings", {"code": code, "client_name": "C"})
        assert status == 201
    finally:
        proc.stop()
    found = modes(data_dir)
    for expected in ("helper.sqlite3", "helper.lock", "logs", "logs/helper.log", "pairing-keys"):
        assert expected in found, sorted(found)
    assert readable_by_others(data_dir) == {}
    assert found["."] == 0o700


def test_a_backup_is_private_whatever_the_umask(tmp_path):
    store = Store(tmp_path / "data" / "helper.sqlite3")
    original = os.umask(0o022)
    try:
        backup = asyncio.run(store.run(maintenance.daily_backup, tmp_path / "data" / "backups"))
    finally:
        os.umask(original)
        store.close()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


def test_files_an_older_version_left_readable_are_narrowed_at_start_and_doctor_says_so(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / "logs").mkdir(parents=True)
    (data_dir / "backups").mkdir()
    for name in ("helper.sqlite3", "logs/helper.log", "backups/helper-2026-01-01.sqlite3"):
        (data_dir / name).write_bytes(b"")
    Store(data_dir / "helper.sqlite3").close()
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)

    doctor = subprocess.run(
        [HELPER_BIN, "doctor", "--data-dir", str(data_dir), "--port", str(free_port())],
        capture_output=True,
        text=True,
    )
    assert doctor.returncode == 1
    assert "[FAIL] file modes: other users can read customer data" in doctor.stdout
    assert f"{data_dir / 'helper.sqlite3'} is 0644" in doctor.stdout

    proc = start_with_umask_022(data_dir)
    proc.stop()
    assert readable_by_others(data_dir) == {}
    doctor = subprocess.run(
        [HELPER_BIN, "doctor", "--data-dir", str(data_dir), "--port", str(free_port())],
        capture_output=True,
        text=True,
    )
    assert "[ok] file modes" in doctor.stdout
    assert "[ok] open files: limit" in doctor.stdout


def test_another_local_user_cannot_read_the_database(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    for path in (tmp_path, home):
        os.chmod(path, 0o755)  # a home folder other users may traverse, as on many systems
    data_dir = home / "data"
    start_with_umask_022(data_dir).stop()
    assert readable_by_others(data_dir) == {}
    if os.geteuid() == 0:  # the machine allows a real second account: `nobody` tries to read
        nobody = pwd.getpwnam("nobody")
        for name in ("helper.sqlite3", "logs/helper.log"):
            attempt = subprocess.run(
                ["cat", str(data_dir / name)],
                user=nobody.pw_uid,
                group=nobody.pw_gid,
                capture_output=True,
                text=True,
            )
            assert attempt.returncode != 0
            assert "Permission denied" in attempt.stderr
