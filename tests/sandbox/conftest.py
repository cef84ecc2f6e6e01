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
        sandbox.wait_idle()
        sandbox.set_faults(reset=True)
