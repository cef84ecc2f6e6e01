"""The Linux user unit, run by a real `systemd --user` manager (see systemd_login.sh)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.packaging.frozen import REPO

SCRIPT = Path(__file__).with_name("systemd_login.sh")
UNIT = REPO / "build" / "systemd" / "sendocki-helper.service"
STEPS = [
    "OK verify",
    "OK enable --now",
    "OK stopped at logout",
    "OK started at login",
    "OK restarted after a crash",
    "OK clean stop",
    "OK data in the per-user folder",
]


def test_user_unit_starts_at_login_restarts_after_a_crash_and_stops_cleanly(bundle):
    # A short home path: the manager's sockets live under it (AF_UNIX paths are short).
    with tempfile.TemporaryDirectory(prefix="sdk-home-") as home:
        result = subprocess.run(
            [
                "unshare",
                "--mount",
                "--net",
                "--pid",
                "--fork",
                "--mount-proc",
                "--propagation",
                "private",
                str(SCRIPT),
                str(bundle.folder),
                str(UNIT),
                home,
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "PYTHON": sys.executable},
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for step in STEPS:
        assert step in result.stdout, output
