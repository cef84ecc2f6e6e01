"""A real helper process connected to a real sandbox process, driven over HTTP like the extension."""

import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

from tests.sandbox.server import API_KEY, SandboxProcess
from tests.support import HELPER_BIN, HelperProcess, free_port, http

# Short waits for tests: the helper process reads these at start.
FAST_SYNC_ENV = {
    "SENDOCKI_BACKOFF_CAP": "0.5",
    "SENDOCKI_OUTBOX_POLL": "0.2",
    "SENDOCKI_PULL_INTERVAL": "600",
}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HELPER_BIN, *args], capture_output=True, text=True, timeout=60)


class ConnectedHelper:
    def __init__(self, tmp_path: Path, sandbox: SandboxProcess):
        self.sandbox = sandbox
        self.process = HelperProcess(tmp_path / "helper", free_port(), demo=True)
        self.token = ""

    @property
    def data_dir(self) -> Path:
        return self.process.data_dir

    def start(self) -> "ConnectedHelper":
        self.process.start()
        if not self.token:
            status, body = http(
                "POST",
                self.process.base_url + "/v1/pairings",
                {"code": self.process.pairing_code(), "client_name": "sync test"},
            )
            assert status == 201, body
            self.token = body["token"]
        return self

    def connect(self) -> None:
        done = cli(
            "connect",
            "--data-dir",
            str(self.data_dir),
            "--api-url",
            self.sandbox.url,
            "--api-key",
            API_KEY,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def api(self, method: str, path: str, body=None, headers=None):
        return http(
            method,
            self.process.base_url + path,
            body,
            {"Authorization": f"Bearer {self.token}", **(headers or {})},
        )

    def create_order(self, i: int) -> str:
        body = {
            "customer": {
                "name": f"Cliente {i}",
                "phone": f"06 62 00 {i // 100:02d} {i % 100:02d}",
                "address": {"line": f"{i} Bd Zerktouni", "city": "Casablanca"},
            },
            "lines": [
                {"kind": "catalog", "sku": "SAC-CUIR-NOIR", "quantity": 1},
                {"kind": "free", "name": "Livraison express", "unit_price": "20.00", "quantity": 1},
            ],
        }
        status, answer = self.api(
            "POST", "/v1/orders", body, {"Idempotency-Key": str(uuid.uuid4())}
        )
        assert status == 201, answer
        return answer["id"]

    def outbox(self) -> dict[str, str]:
        """Outbox status per order, read from the helper's database file (read-only)."""
        conn = sqlite3.connect(
            f"file:{self.data_dir / 'helper.sqlite3'}?mode=ro", uri=True, timeout=5
        )
        try:
            return dict(conn.execute("SELECT aggregate_id, status FROM outbox").fetchall())
        finally:
            conn.close()

    def status(self) -> dict:
        code, body = self.api("GET", "/v1/status")
        assert code == 200, body
        return body

    def stop(self, sig=None) -> None:
        if sig is None:
            self.process.stop()
        else:
            self.process.stop(sig)


def wait_until(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def assert_exactly_once(sandbox: SandboxProcess, order_ids: list[str]) -> None:
    delivered = sandbox.client_references()
    counts = {oid: delivered.count(oid) for oid in order_ids}
    assert counts == dict.fromkeys(order_ids, 1), counts
