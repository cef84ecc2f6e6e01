"""One helper per data folder, on every platform.

filelock takes an OS lock on `helper.lock` (flock on Linux and macOS, msvcrt.locking on Windows):
the OS drops it when the process dies, so a crash never leaves a stale lock behind.
"""

from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_MODE = 0o600  # where the platform has file modes; ignored on Windows


class AlreadyRunning(RuntimeError):
    pass


def _lock(lock_path: Path) -> FileLock:
    return FileLock(str(lock_path), timeout=0, mode=LOCK_MODE)


@contextmanager
def single_instance(lock_path: Path):
    lock = _lock(lock_path)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyRunning(
            f"a helper is already running on {lock_path.parent}; "
            "stop it first, or use another folder with --data-dir"
        ) from None
    try:
        yield
    finally:
        lock.release()


def is_running(lock_path: Path) -> bool:
    """True when a helper holds this folder's lock (it is serving it now)."""
    if not lock_path.parent.is_dir():
        return False
    lock = _lock(lock_path)
    try:
        lock.acquire()
    except Timeout:
        return True
    lock.release()
    return False
