import time

import pytest

from tests.sandbox.server import SandboxProcess


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """One sandbox process per test module; faults are reset before each test."""
    process = SandboxProcess(tmp_path_factory.mktemp("sandbox") / "data")
    try:
        yield process.start()
    finally:
        process.stop()


@pytest.fixture(autouse=True)
def clean_faults(request):
    if "sandbox" in request.fixturenames:
        sandbox = request.getfixturevalue("sandbox")
        # A request a previous test left sleeping in a latency fault would otherwise wake up in
        # this test and spend the faults it sets (a counter is consumed per matching request).
        deadline = time.monotonic() + 30
        while (
            sandbox.admin("GET", "/_sandbox/faults")["in_progress"] and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        sandbox.set_faults(reset=True)
