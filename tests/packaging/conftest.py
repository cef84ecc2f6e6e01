"""Builds the seller's bundle once per test session (about 40 s) and reports its figures.

The build goes to a temporary folder, not dist/: other engineers may build or test at the
same time on this machine.
"""

import subprocess
import time

import pytest

from tests.packaging.frozen import BUILD_SCRIPT, Bundle

# Filled by the tests, printed at the end of the run (figures, never time assertions).
FIGURES: dict[str, str] = {}


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Bundle:
    root = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    result = subprocess.run(
        [str(BUILD_SCRIPT), "--dist", str(root / "dist"), "--work", str(root / "work")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - started
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    FIGURES["build time"] = f"{seconds:.1f} s ({BUILD_SCRIPT.relative_to(BUILD_SCRIPT.parents[1])})"
    return Bundle(root / "dist", seconds)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("packaging figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
