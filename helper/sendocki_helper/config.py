"""Where the helper keeps its files, and on which port it listens."""

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

# Fixed and documented: the extension dials it (or the port set in its options). The helper
# never moves to another port on its own (serve.bind_socket).
DEFAULT_PORT = 47615
APP_NAME = "sendocki-helper"
# The demo's own folder, beside the seller's (never inside it): demo products and customers must
# never show up as the seller's, and resetting the demo must never touch real orders.
DEMO_APP_NAME = "sendocki-helper-demo"
# The extension's id, fixed by the `key` in its manifest: only it may pair (not another extension
# the seller installed). A development build with another key: `serve --extension-id ID`.
PUBLISHED_EXTENSION_ID = "igekjiaegmikgckdbhadfnjpmajbfoak"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(DEMO_APP_NAME, appauthor=False))


@dataclass
class HelperConfig:
    data_dir: Path = field(default_factory=default_data_dir)
    port: int = DEFAULT_PORT
    demo: bool = False
    # Per paired browser. A seller's dialog makes a few requests a second at most; 0 turns it off
    # (benchmarks that measure the server, not the limit).
    rate_per_second: float = 50.0
    rate_burst: float = 100.0
    extension_ids: tuple[str, ...] = (PUBLISHED_EXTENSION_ID,)
    # Product photos are fetched from public addresses only (images/fetcher.py); a shop whose
    # photos sit on its own network turns this on (`serve --photos-from-local-network`).
    photos_from_local_network: bool = False

    @property
    def pairing_origins(self) -> frozenset[str]:
        return frozenset(f"chrome-extension://{ext_id}" for ext_id in self.extension_ids)

    @property
    def database_path(self) -> Path:
        return self.data_dir / "helper.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def lock_path(self) -> Path:
        return self.data_dir / "helper.lock"
