"""The helper never moves to another port on its own: a taken port is one clear line and exit 4."""

import socket
import subprocess

import pytest

from tests.support import HELPER_BIN, free_port

pytestmark = pytest.mark.slow  # each test starts the helper program


def serve(data_dir, port: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [HELPER_BIN, "serve", "--data-dir", str(data_dir), "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_without_traceback(out: subprocess.CompletedProcess) -> str:
    text = (out.stdout + out.stderr).strip()
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    return text


def test_a_port_taken_by_another_program_stops_the_helper_with_one_line(tmp_path):
    port = free_port()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen(1)
        # The next ports are free: an older helper moved there silently.
        out = serve(tmp_path / "data", port)
    assert out.returncode == 4
    line = assert_one_line_without_traceback(out)
    assert f"port {port} is taken by another program" in line
    assert "--port" in line and "extension's options" in line
    assert "listening" not in out.stdout


def test_a_port_taken_by_another_helper_says_so(helper_process, tmp_path):
    first = helper_process()
    first.start()
    out = serve(tmp_path / "other-data", first.port)
    assert out.returncode == 4
    line = assert_one_line_without_traceback(out)
    assert f"port {first.port} is already used by another sendocki-helper" in line


def test_a_port_out_of_range_is_refused_by_name_without_traceback(tmp_path):
    out = serve(tmp_path / "data", 70000)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "--port: 70000 is not a port (0 to 65535)" in out.stderr
