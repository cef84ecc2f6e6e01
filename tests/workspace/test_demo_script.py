"""scripts/demo.sh installs only when needed: a second start needs no package index."""

import os
import signal
import subprocess

from tests.support import REPO, free_port, http, wait_for_ping

DEMO = REPO / "scripts" / "demo.sh"
STAMP = REPO / ".venv" / ".sendocki-helper-installed"
NO_INDEX = {**os.environ, "PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/"}


def test_a_second_start_needs_no_package_index(tmp_path):
    STAMP.touch()  # as after a first start (the venv is installed: the tests run from it)
    port = free_port()
    process = subprocess.Popen(
        ["bash", str(DEMO), "--port", str(port), "--data-dir", str(tmp_path / "d"), "--create"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=NO_INDEX,
    )
    try:
        wait_for_ping(f"http://127.0.0.1:{port}", 20, process)
        assert http("GET", f"http://127.0.0.1:{port}/v1/ping")[1]["demo"] is True
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=15)[0]
    assert "pip" not in output.lower()
    assert "Other commands on the demo: .venv/bin/sendocki-helper COMMAND --demo" in output


def test_a_changed_pyproject_installs_again(tmp_path):
    STAMP.touch()
    then = (REPO / "pyproject.toml").stat().st_mtime - 60
    os.utime(STAMP, (then, then))
    try:
        # With the index disabled the install cannot finish: that it was tried is the point.
        result = subprocess.run(
            ["bash", str(DEMO), "--no-such-flag"], capture_output=True, text=True, env=NO_INDEX
        )
        assert result.returncode != 0
        assert "setuptools" in result.stdout + result.stderr
    finally:
        STAMP.touch()
