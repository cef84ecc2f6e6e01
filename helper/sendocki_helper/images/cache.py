"""A bounded folder of thumbnails, one WebP file per photo URL (named by its SHA-256).

Bounded in count and bytes: past either, the least recently used files go (a hit refreshes the
file's mtime). Offline, every cached thumbnail still shows.
"""

import contextlib
import hashlib
import os
import threading
from pathlib import Path

MAX_FILES = 5000
MAX_BYTES = 64 * 1024 * 1024


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class ThumbnailCache:
    def __init__(self, folder: Path, max_files: int = MAX_FILES, max_bytes: int = MAX_BYTES):
        self.folder = folder
        self.max_files, self.max_bytes = max_files, max_bytes
        self._lock = threading.Lock()
        self._sizes: dict[str, int] | None = None  # name -> size, read on first use

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.webp"

    def get(self, url: str) -> bytes | None:
        path = self._path(url_key(url))
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return data

    def put(self, url: str, data: bytes) -> None:
        key = url_key(url)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.folder / f"{key}.tmp{threading.get_ident()}"
        temporary.write_bytes(data)
        os.replace(temporary, self._path(key))  # a reader never sees half a file
        with self._lock:
            sizes = self._load_sizes()
            sizes[f"{key}.webp"] = len(data)
            self._evict(sizes)

    def _load_sizes(self) -> dict[str, int]:
        if self._sizes is None:
            self._sizes = {}
            if self.folder.is_dir():
                for entry in os.scandir(self.folder):
                    if entry.name.endswith(".webp"):
                        self._sizes[entry.name] = entry.stat().st_size
        return self._sizes

    def _evict(self, sizes: dict[str, int]) -> None:
        if len(sizes) <= self.max_files and sum(sizes.values()) <= self.max_bytes:
            return
        by_age = sorted(sizes, key=lambda name: _mtime(self.folder / name))  # oldest first
        total = sum(sizes.values())
        for name in by_age:
            if len(sizes) <= self.max_files * 9 // 10 and total <= self.max_bytes * 9 // 10:
                break
            total -= sizes.pop(name)
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()

    def stats(self) -> tuple[int, int]:
        with self._lock:
            sizes = self._load_sizes()
            return len(sizes), sum(sizes.values())


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
