"""Start at login on Linux for real: `sendocki-helper autostart on|off` under a real
`systemd --user` manager (see systemd_login.sh)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).with_name("systemd_login.sh")
STEPS = [
    "OK unit runs the installed program",
    "OK verify",
    "OK autostart on: running at once",
    "OK status on",
    "OK stopped at logout",
    "OK started at login",
    "OK restarted after a crash",
    "OK clean stop",
    "OK data in the per-user folder",
    "OK autostart off: stopped, unit removed",
    "OK status off",
    "OK not started at the next login",
]


def test_autostart_on_starts_at_login_restarts_after_a_crash_stops_cleanly_and_off_undoes_it(
    bundle,
):
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
