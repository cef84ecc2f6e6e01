"""Shared fixtures: a real helper on a real socket over a real SQLite file.

`helper` serves the app in this process (fast, for API tests); `helper_process` starts the
`sendocki-helper` program as a child process (for crash, signal and CLI tests).
"""

import os
import signal
from pathlib import Path

import pytest

from tests.support import HelperProcess, free_port, start_helper

# Markers (registered in pyproject.toml), so the inner loop can run the fast part alone:
#   .venv/bin/pytest -q -m "not browser and not packaging and not slow"
# scripts/test.sh (and so CI) runs everything.
SEPARATE_PROCESS_FIXTURES = {"helper_process", "sandbox", "world"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in ("browser", "e2e"):
            item.add_marker(pytest.mark.browser)
        if folder == "packaging":
            item.add_marker(pytest.mark.packaging)
        if SEPARATE_PROCESS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
async def helper(aiohttp_server, tmp_path):
    """A demo-workspace helper on a real socket, with one paired browser (its token in .auth)."""
    under_test = await start_helper(aiohttp_server, tmp_path / "data")
    yield under_test
    await under_test.session.close()


@pytest.fixture
def helper_process(tmp_path):
    """Factory of real `sendocki-helper serve` processes, all stopped at the end of the test."""
    started: list[HelperProcess] = []

    def make(demo: bool = True, data_dir: Path | None = None) -> HelperProcess:
        proc = HelperProcess(data_dir or tmp_path / f"data{len(started)}", free_port(), demo)
        started.append(proc)
        return proc

    yield make
    for proc in started:
        proc.stop(signal.SIGKILL if os.environ.get("FAST_KILL") else signal.SIGTERM)
