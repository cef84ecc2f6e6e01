import pytest

from tests.sandbox.conftest import clean_faults, sandbox  # noqa: F401  (shared fixtures)
from tests.sync.support import demo_store


@pytest.fixture
async def store(tmp_path):
    store = await demo_store(tmp_path / "data")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(autouse=True)
def naive_sandbox(request):
    """Sync tests run against a server with no duplicate guard of its own: exactly-once must
    come from the helper's idempotency keys and lookups alone."""
    if "sandbox" in request.fixturenames:
        request.getfixturevalue("clean_faults")  # the reset first, then this fault
        request.getfixturevalue("sandbox").set_faults(unique_references=False)
