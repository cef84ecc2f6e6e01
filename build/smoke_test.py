"""Smoke test of the packaged program, the same on Windows, macOS and Linux (the release
workflow runs it on each; tests/packaging runs it on Linux).

    python build/smoke_test.py dist/sendocki-helper

A seller's first run in a fresh data folder: import the sample catalog, serve, pair, create one
order on the default pipeline, stop the platform's way (Ctrl-Break on Windows, SIGTERM
elsewhere) and check the stop was clean, start again and find the order. Standard library only:
it runs with any Python, beside the program it checks.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CATALOG = REPO / "docs" / "samples" / "catalog-sendocki-template.csv"
ORDER = {
    "customer": {
        "name": "Amina Test",
        "phone": "06 61 00 00 01",
        "address": {"line": "1 Rue Atlas", "city": "Casablanca"},
    },
    "lines": [{"kind": "catalog", "sku": "BABOUCHES-CUIR", "quantity": 1}],
    "payment_method": "cash_on_delivery",
    "payment_status": "pending",
}


def step(text: str) -> None:
    print(f"OK {text}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port: int, method: str, path: str, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers or {}
    )
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


class Program:
    def __init__(self, program: Path, data_dir: Path, env: dict):
        self.program, self.data_dir, self.env = program, data_dir, env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(self.program), *args, "--data-dir", str(self.data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
            env=self.env,
        )
        if result.returncode != 0:
            sys.exit(
                f"`{' '.join(args)}` failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result

    def serve(self, port: int, log: Path) -> subprocess.Popen:
        # Its own process group on Windows: Ctrl-Break then reaches the helper alone.
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        process = subprocess.Popen(
            [str(self.program), "serve", "--port", str(port), "--data-dir", str(self.data_dir)],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            env=self.env,
            creationflags=flags,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                sys.exit(f"serve exited with {process.returncode}:\n{log.read_text()}")
            try:
                if call(port, "GET", "/v1/ping")[1].get("product") == "sendocki-helper":
                    return process
            except OSError:
                time.sleep(0.1)
        sys.exit("the helper did not answer within 60 s")


def stop(process: subprocess.Popen, log: Path) -> None:
    if sys.platform == "win32":
        process.send_signal(signal.CTRL_BREAK_EVENT)
    else:
        process.send_signal(signal.SIGTERM)
    code = process.wait(30)
    output = log.read_text(errors="replace")
    if code != 0 or "sendocki-helper stopped" not in output:
        sys.exit(f"the stop was not clean (exit {code}):\n{output}")


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    program = folder / ("sendocki-helper.exe" if sys.platform == "win32" else "sendocki-helper")
    with tempfile.TemporaryDirectory(prefix="sendocki-smoke-") as temporary:
        root = Path(temporary)
        env = {**os.environ, "LANG": "fr_MA.UTF-8", "LC_ALL": "", "PYTHONUTF8": "1"}
        helper = Program(program, root / "shop", env)

        version = subprocess.run([str(program), "--version"], capture_output=True, text=True)
        step(f"runs: {version.stdout.strip()}")
        imported = helper.run("import-catalog", str(SAMPLE_CATALOG), "--create")
        step("sample catalog imported: " + imported.stdout.splitlines()[-1])
        doctor = helper.run("doctor", "--port", str(free_port()))
        if "[ok] FTS5: present" not in doctor.stdout:
            sys.exit(doctor.stdout)
        step("doctor: FTS5 present, database ok")

        port, log = free_port(), root / "serve.log"
        process = helper.serve(port, log)
        step(f"serving on 127.0.0.1:{port}")
        code = helper.run("pair").stdout.strip().splitlines()[-1]
        status, paired = call(port, "POST", "/v1/pairings", {"code": code, "client_name": "CI"})
        if status != 201:
            sys.exit(f"pairing refused: {paired}")
        auth = {"Authorization": f"Bearer {paired['token']}"}
        _, workspace = call(port, "GET", "/v1/workspace", headers=auth)
        if [s["name"] for s in workspace["stages"]][:1] != ["Nouvelle"]:
            sys.exit(f"no default pipeline: {workspace['stages']}")
        step("paired; default pipeline in French")
        headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
        status, order = call(port, "POST", "/v1/orders", ORDER, headers)
        if status != 201:
            sys.exit(f"order refused: {order}")
        step(f"order {order['number']} created on stage {order['stage']['name']}")
        status_text = helper.run("status").stdout
        if "Helper:               running" not in status_text:
            sys.exit(status_text)
        stop(process, log)
        step("stopped cleanly")

        process = helper.serve(port, log)
        _, listed = call(
            port, "GET", "/v1/orders?customer=" + order["customer"]["id"], headers=auth
        )
        stop(process, log)
        if order["id"] not in [o["id"] for o in listed["orders"]]:
            sys.exit(f"the order is gone after a restart: {listed}")
        step("the order is still there after a restart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
