"""Driving the frozen program (dist/sendocki-helper/sendocki-helper) the way a seller would."""

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support import wait_for_ping

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "build" / "build.sh"


@dataclass
class Bundle:
    dist: Path
    build_seconds: float

    @property
    def folder(self) -> Path:
        return self.dist / "sendocki-helper"

    @property
    def program(self) -> Path:
        return self.folder / "sendocki-helper"

    @property
    def extension_zip(self) -> Path:
        return self.dist / "sendocki-whatsapp-extension.zip"

    def listing(self) -> set[str]:
        """Every file in the program folder: data must never appear here."""
        return {p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*")}

    def run(self, *args: str, env=None, cwd=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.program), *args], capture_output=True, text=True, timeout=60, env=env, cwd=cwd
        )


def size_on_disk(folder: Path) -> int:
    """Allocated bytes (what `du` shows), not apparent sizes."""
    return (
        sum(p.lstat().st_blocks * 512 for p in folder.rglob("*")) + folder.lstat().st_blocks * 512
    )


class FrozenHelper:
    """`sendocki-helper serve` from the bundle, on a given port and data folder."""

    def __init__(self, bundle: Bundle, data_dir: Path, port: int, demo: bool):
        self.bundle, self.data_dir, self.port, self.demo = bundle, data_dir, port, demo
        self.process: subprocess.Popen | None = None
        self.log_path = data_dir.parent / f"serve-{port}-{time.monotonic_ns()}.out"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Starts the program; returns seconds from launch to the first answer to /v1/ping."""
        args = [
            str(self.bundle.program),
            "serve",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            "--create",
        ]
        if self.demo:
            args.append("--demo")
        started = time.monotonic()
        # cwd is the program folder: a relative data path would land inside the bundle.
        self.process = subprocess.Popen(
            args, stdout=open(self.log_path, "wb"), stderr=subprocess.STDOUT, cwd=self.bundle.folder
        )
        wait_for_ping(self.base_url, 30, self.process)
        return time.monotonic() - started

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def call(self, method: str, path: str, body=None, token: str | None = None, headers=None):
        """(status, parsed JSON) for one request; HTTP errors are answers, not exceptions."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")
