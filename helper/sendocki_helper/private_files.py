"""The data folder holds customers, orders and secrets: only the seller's own account may read it.

Folders are 0700 and files 0600 (POSIX). The umask is narrowed when the helper starts, so every
file SQLite, logging or a backup creates is private from its first byte; files an older version
left wider are narrowed on start. Windows has no POSIX modes: its per-user profile folder is
already private, and these functions do nothing there.
"""

import contextlib
import os
import stat
import sys
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
POSIX = sys.platform != "win32"


def restrict_umask() -> None:
    """Everything created from now on by this process is readable by its owner only."""
    if POSIX:
        os.umask(PRIVATE_UMASK)


def make_private_dir(path: Path) -> Path:
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if POSIX and stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR_MODE:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Creates path empty with mode 0600 if it does not exist (for files another library opens)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def write_private(target: Path, data: bytes) -> Path:
    """Atomically replaces target with data, mode 0600 from the first byte, flushed to disk."""
    target = Path(target)
    make_private_dir(target.parent)
    temporary = target.with_name(target.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if POSIX:
        os.chmod(temporary, PRIVATE_FILE_MODE)  # O_CREAT's mode is only applied to new files
    os.replace(temporary, target)
    return target


def _expected_mode(path: Path) -> int:
    return PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE


def wrong_modes(data_dir: Path) -> list[tuple[Path, int]]:
    """(path, current mode) for the folder and everything in it that others could read or enter."""
    if not POSIX or not Path(data_dir).exists():
        return []
    found = []
    root = Path(data_dir)
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue  # never follow a link out of the folder
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append((path, mode))
    return found


def narrow_modes(data_dir: Path) -> list[Path]:
    """Makes the folder 0700 and its files 0600 (files left by older versions); returns those fixed."""
    fixed = []
    for path, _mode in wrong_modes(data_dir):
        try:
            os.chmod(path, _expected_mode(path))
            fixed.append(path)
        except OSError:
            pass  # another user's file in our folder: `doctor` reports it
    return fixed
