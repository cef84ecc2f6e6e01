"""The Sendocki account's URL and API key, in a file only the user can read (mode 0600).

Not the OS keyring: the helper also runs on headless machines where `keyring` has no backend.
Not the database: a copied or backed-up database must not carry the key. Never logged.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sendocki_helper.private_files import write_private

FILE_NAME = "sendocki-credentials.json"


@dataclass(frozen=True)
class Credentials:
    api_url: str
    api_key: str

    def __repr__(self) -> str:
        return f"Credentials(api_url={self.api_url!r}, api_key='***')"


def path_in(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def save(data_dir: Path, credentials: Credentials) -> Path:
    data = {"api_url": credentials.api_url, "api_key": credentials.api_key}
    # Created 0600 from the first byte: never readable by others, not even for a moment.
    return write_private(path_in(data_dir), json.dumps(data).encode("utf-8"))


def load(data_dir: Path) -> Credentials | None:
    target = path_in(data_dir)
    try:
        if target.stat().st_mode & 0o077:
            os.chmod(target, 0o600)  # someone widened it: narrow it back before reading
        data = json.loads(target.read_text(encoding="utf-8"))
        return Credentials(api_url=str(data["api_url"]), api_key=str(data["api_key"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return None


def delete(data_dir: Path) -> bool:
    try:
        path_in(data_dir).unlink()
        return True
    except FileNotFoundError:
        return False
