"""The release workflow's smoke test (build/smoke_test.py), run here on the Linux bundle: the
same script the Windows and macOS legs run on theirs."""

import subprocess
import sys

from tests.packaging.frozen import REPO

STEPS = [
    "OK runs: sendocki-helper",
    "OK sample catalog imported",
    "OK doctor: FTS5 present, database ok",
    "OK paired; default pipeline in French",
    "created on stage Nouvelle",
    "OK stopped cleanly",
    "OK the order is still there after a restart",
]


def test_release_smoke_test_passes_on_the_linux_bundle(bundle):
    result = subprocess.run(
        [sys.executable, str(REPO / "build" / "smoke_test.py"), str(bundle.folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for step in STEPS:
        assert step in result.stdout, result.stdout
