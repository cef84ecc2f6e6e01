"""Half-open connections cannot starve the extension: a bounded slow-header flood against the real
helper under a low open-files limit; legitimate requests still succeed and the log stays small.
(Figures for the same scenario: bench/slow_header_flood.py.)"""

import resource
import socket
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support import HELPER_BIN, REPO, free_port, http, wait_for_ping

pytestmark = pytest.mark.slow

OPEN_FILES = 256  # macOS's default; the helper cannot raise it past this hard limit here
FLOOD = 600
LEGIT = 12


def low_open_files_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, OPEN_FILES))


def test_a_slow_header_flood_leaves_legitimate_requests_working_and_the_log_small(tmp_path):
    data_dir, port = tmp_path / "data", free_port()
    output = tmp_path / "helper.out"
    with open(output, "wb") as out:
        helper = subprocess.Popen(
            [HELPER_BIN, "serve", "--data-dir", str(data_dir), "--port", str(port), "--demo"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            preexec_fn=low_open_files_limit,
        )
    base = f"http://127.0.0.1:{port}"
    flood: list[socket.socket] = []
    try:
        wait_for_ping(base, 30, helper)
        head = f"GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
        for number in range(FLOOD):
            sock = socket.create_connection(("127.0.0.1", port))
            # Half send a whole request first and keep the connection alive; then every one
            # sends half a request's headers and never the rest.
            sock.sendall((head + b"\r\n" if number % 2 == 0 else b"") + head)
            flood.append(sock)

        def legit(_):
            try:
                return http("GET", base + "/v1/ping", timeout=30)[0]
            except OSError as error:
                return repr(error)

        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(legit, range(LEGIT)))
        assert statuses == [200] * LEGIT

        # The newest connection (half a first request) was never pushed out: the header timeout
        # closes it.
        newest = flood[-1]
        newest.settimeout(120)
        assert newest.recv(1024) == b""
    finally:
        for sock in flood:
            sock.close()
        helper.terminate()
        helper.wait(30)
    logs = output.read_bytes() + b"".join(p.read_bytes() for p in (data_dir / "logs").glob("*"))
    assert logs.count(b"Too many open files") <= 2
    assert b"Traceback" not in logs
    assert len(logs) < 32_000, len(logs)
