"""Test support: a real helper on a real socket over a real SQLite file, in this process or as a
child process. The fixtures that use these live in conftest.py."""

import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from sendocki_helper.api.app import create_app
from sendocki_helper.config import HelperConfig
from sendocki_helper.services import demo, pairing
from sendocki_helper.store.db import Store

REPO = Path(__file__).resolve().parent.parent
HELPER_BIN = str(Path(sys.executable).parent / "sendocki-helper")


@dataclass
class HelperUnderTest:
    base_url: str
    port: int
    token: str
    store: Store
    session: aiohttp.ClientSession
    data_dir: Path

    @property
    def auth(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    async def get(self, path: str, **kwargs):
        headers = {**self.auth, **kwargs.pop("headers", {})}
        return await self.session.get(self.base_url + path, headers=headers, **kwargs)

    async def post(self, path: str, json=None, **kwargs):
        headers = {**self.auth, **kwargs.pop("headers", {})}
        return await self.session.post(self.base_url + path, json=json, headers=headers, **kwargs)

    async def pair(self, name: str = "Test browser") -> str:
        code = await self.store.run(pairing.issue_code)
        async with self.session.post(
            self.base_url + "/v1/pairings", json={"code": code, "client_name": name}
        ) as answer:
            assert answer.status == 201, await answer.text()
            return (await answer.json())["token"]


async def start_helper(
    aiohttp_server, data_dir: Path, seed_demo: bool = True, **options
) -> HelperUnderTest:
    config = HelperConfig(data_dir=data_dir, port=0, demo=seed_demo, **options)
    store = Store(config.database_path)
    if seed_demo:
        await store.run(demo.seed_demo)
    server = await aiohttp_server(create_app(config, store), host="127.0.0.1")
    session = aiohttp.ClientSession()
    base_url = f"http://127.0.0.1:{server.port}"
    under_test = HelperUnderTest(base_url, server.port, "", store, session, data_dir)
    under_test.token = await under_test.pair()
    return under_test


class HelperProcess:
    def __init__(
        self,
        data_dir: Path,
        port: int,
        demo: bool = True,
        env: dict | None = None,
        options: tuple[str, ...] = (),
    ):
        self.options = options
        self.data_dir = data_dir
        self.port = port
        self.demo = demo
        self.env = env
        self.process: subprocess.Popen | None = None
        self.output = data_dir.parent / f"helper-{port}.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> None:
        args = [HELPER_BIN, "serve", "--data-dir", str(self.data_dir), "--port", str(self.port)]
        if self.demo:
            args.append("--demo")
        args.extend(self.options)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.output, "ab")
        self.process = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=self.env
        )
        wait_for_ping(self.base_url, timeout, self.process)

    def stop(self, sig=signal.SIGTERM, timeout: float = 10.0) -> int:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def pairing_code(self) -> str:
        out = subprocess.run(
            [HELPER_BIN, "pair", "--data-dir", str(self.data_dir)],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip().splitlines()[-1]


def wait_for_ping(base_url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"helper exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base_url + "/v1/ping", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"no answer from {base_url}")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method: str, url: str, body=None, headers=None, timeout: float = 10):
    """A blocking JSON call to a helper process: (status, decoded body)."""
    import json
    import urllib.error
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)
