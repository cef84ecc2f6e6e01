"""The sandbox as a real child process, with small synchronous admin helpers for tests."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import free_port

SANDBOX_BIN = str(Path(sys.executable).parent / "sendocki-sandbox")
API_KEY = "sk_sandbox_test"


class SandboxProcess:
    """Keeps its port across restarts, so a client sees the same URL come back."""

    def __init__(self, data_dir: Path, *extra_args: str, port: int | None = None):
        self.data_dir = data_dir
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.process: subprocess.Popen | None = None
        self.log_path = data_dir.parent / f"sandbox-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> "SandboxProcess":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [
                SANDBOX_BIN,
                "--port",
                str(self.port),
                "--data-dir",
                str(self.data_dir),
                *self.extra_args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"sandbox exited with {self.process.returncode}: {self.log_path.read_text()}"
                )
            try:
                self.admin("GET", "/_sandbox/faults")
                return self
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("the sandbox did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def admin(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    def set_faults(self, **faults) -> dict:
        return self.admin("POST", "/_sandbox/faults", faults)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Until no request is inside the fault layer: one a client gave up on (a test's timeout)
        may still be sleeping there, and would take the next test's fault when it wakes."""
        deadline = time.monotonic() + timeout
        while self.admin("GET", "/_sandbox/faults")["in_progress"]:
            if time.monotonic() > deadline:
                raise AssertionError("the sandbox still serves an earlier test's request")
            time.sleep(0.02)

    def orders(self) -> list[dict]:
        return self.admin("GET", "/_sandbox/orders")["orders"]

    def client_references(self) -> list[str]:
        return sorted(order["client_reference"] for order in self.orders())
