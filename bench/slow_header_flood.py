"""Benchmark (not a test): a legitimate client before and during a slow-header flood, in one run.

    .venv/bin/python bench/slow_header_flood.py [--open-files 1024] [--flood 1100] [--requests 200]

Starts the real helper (`sendocki-helper serve --demo`) with its open-files limit set to
--open-files (soft and hard, as `ulimit -n` would), then:
1. before: the legitimate client (a new connection per request, like the extension's fetches)
   sends --requests authenticated GET /v1/status, one at a time;
2. during: a flood thread opens --flood connections that each send half a request's headers and
   never finish (keeping every one open), while the same client sends the same requests.
Prints median, p95 and max latency and failures (no answer within --timeout s) for both phases,
their p95 ratio, and the size of the helper's log and how many "Too many open files" it holds.
"""

import argparse
import json
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HELPER_BIN = str(Path(sys.executable).parent / "sendocki-helper")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_ping(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"helper exited with {process.returncode}")
        try:
            urllib.request.urlopen(base + "/v1/ping", timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("helper did not answer")


def pair(base: str, data_dir: Path) -> str:
    code = subprocess.run(
        [HELPER_BIN, "pair", "--data-dir", str(data_dir)], capture_output=True, text=True
    ).stdout.split()[-1]
    request = urllib.request.Request(
        base + "/v1/pairings",
        data=json.dumps({"code": code, "client_name": "bench"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)["token"]


def legit_round(base: str, token: str, count: int, timeout: float) -> tuple[list[float], list]:
    latencies, failures = [], []
    for _ in range(count):
        request = urllib.request.Request(
            base + "/v1/status", headers={"Authorization": f"Bearer {token}"}
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                answer.read()
                if answer.status != 200:
                    failures.append(f"HTTP {answer.status}")
                    continue
        except OSError as error:
            failures.append(type(getattr(error, "reason", None) or error).__name__)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, failures


def flood(port: int, count: int, held: list, opened: list, stop: threading.Event) -> None:
    """Holds up to `count` half-open connections and keeps opening new ones (at most one per
    millisecond), closing its oldest beyond `count`: a bounded flood that never lets up."""
    partial = f"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
    while not stop.is_set():
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(partial)
            held.append(sock)
            opened[0] += 1
        except OSError:
            pass
        if len(held) > count:
            held.pop(0).close()
        time.sleep(0.001)


def describe(name: str, latencies: list[float], failed: list, total: int) -> float:
    failures = len(failed)
    kinds = ", ".join(f"{kind} x{failed.count(kind)}" for kind in sorted(set(failed)))
    if not latencies:
        print(f"{name:>8}: every request failed ({failures}/{total}: {kinds})")
        return float("nan")
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(
        f"{name:>8}: median {statistics.median(ordered):7.2f} ms  p95 {p95:7.2f} ms  "
        f"max {ordered[-1]:8.2f} ms  failures {failures}/{total}" + (f" ({kinds})" if kinds else "")
    )
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open-files", type=int, default=1024)
    parser.add_argument("--flood", type=int, default=1100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.flood + 512)), hard))

    def limit_helper():
        resource.setrlimit(resource.RLIMIT_NOFILE, (args.open_files, args.open_files))

    with tempfile.TemporaryDirectory() as tmp:
        data_dir, port = Path(tmp) / "data", free_port()
        base = f"http://127.0.0.1:{port}"
        out = open(Path(tmp) / "helper.out", "wb")
        helper = subprocess.Popen(
            # No per-browser rate limit: the client here asks as fast as it can, on purpose.
            [
                HELPER_BIN,
                "serve",
                "--data-dir",
                str(data_dir),
                "--port",
                str(port),
                "--demo",
                "--rate-limit",
                "0",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            preexec_fn=limit_helper,
        )
        held: list[socket.socket] = []
        stop = threading.Event()
        try:
            wait_for_ping(base, helper)
            token = pair(base, data_dir)
            legit_round(base, token, 20, args.timeout)  # warm-up
            before = legit_round(base, token, args.requests, args.timeout)
            opened = [0]
            attacker = threading.Thread(target=flood, args=(port, args.flood, held, opened, stop))
            attacker.start()
            while len(held) < args.flood and attacker.is_alive():
                time.sleep(0.1)
            during = legit_round(base, token, args.requests, args.timeout)
            stop.set()
            attacker.join()
            opened = opened[0]
        finally:
            stop.set()
            for sock in held:
                sock.close()
            helper.terminate()
            helper.wait(30)
            out.close()
        logs = (Path(tmp) / "helper.out").read_bytes() + b"".join(
            p.read_bytes() for p in (data_dir / "logs").glob("*")
        )
    print(
        f"helper open-files limit {args.open_files}; flood: {args.flood} half-open connections "
        f"held at once, {opened} opened in all; {args.requests} requests per phase, "
        f"timeout {args.timeout} s"
    )
    p95_before = describe("before", *before, args.requests)
    p95_during = describe("during", *during, args.requests)
    print(f"p95 during / before: {p95_during / p95_before:.2f}x")
    print(
        f"helper log: {len(logs)} bytes, {logs.count(b'Too many open files')} "
        f"'Too many open files', {logs.count(b'Traceback')} tracebacks"
    )


if __name__ == "__main__":
    main()
