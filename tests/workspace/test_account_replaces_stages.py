"""Connecting an account after working standalone: the account's stages replace the default
pipeline, and the orders saved before keep a stage (the same standard state)."""

from sendocki_helper.services import default_stages
from sendocki_helper.store.db import Store
from sendocki_helper.store.models import Order, Stage
from sendocki_helper.sync.client import SendockiClient
from sendocki_helper.sync.puller import pull_all
from tests.sandbox.conftest import clean_faults, sandbox  # noqa: F401  (shared fixtures)
from tests.sandbox.server import API_KEY
from tests.sync.support import connect
from tests.workspace.support import create_free_order


def place_on(state: str | None, name: str | None = None):
    """Creates an order and puts it on the local stage of this state (or name)."""

    def run() -> str:
        order_id = create_free_order()
        stage = Stage.get(Stage.name == name) if name else Stage.get(Stage.state == state)
        Order.update(stage=stage.id).where(Order.id == order_id).execute()
        return order_id

    return run


def stage_of(order_id: str) -> tuple[str, str | None, bool]:
    stage = Order.get_by_id(order_id).stage
    return stage.name, stage.state, stage.remote_id is not None


async def test_account_stages_replace_the_default_pipeline_and_orders_follow(
    tmp_path,
    sandbox,  # noqa: F811
):
    store = Store(tmp_path / "helper.sqlite3")
    try:
        assert await store.run(default_stages.ensure_default, "fr")
        new = await store.run(place_on("new"))
        confirmed = await store.run(place_on("confirmed"))
        preparing = await store.run(place_on(None, "Préparation"))
        shipped = await store.run(place_on("shipped"))

        await connect(store, tmp_path, sandbox.url)
        async with SendockiClient(sandbox.url, API_KEY) as client:
            await pull_all(store, client)

        names = await store.run(lambda: [s.name for s in Stage.select().order_by(Stage.position)])
        assert names[:4] == ["New", "Unreachable", "To confirm by call", "Confirmed"]
        assert await store.run(lambda: Stage.select().where(Stage.remote_id.is_null()).count()) == 0
        assert await store.run(stage_of, new) == ("New", "new", True)
        assert await store.run(stage_of, confirmed) == ("Confirmed", "confirmed", True)
        # No state of its own: it follows the stage before it in the pipeline.
        assert await store.run(stage_of, preparing) == ("Confirmed", "confirmed", True)
        assert await store.run(stage_of, shipped) == ("Shipped", "shipped", True)

        # A second pull changes nothing more.
        async with SendockiClient(sandbox.url, API_KEY) as client:
            await pull_all(store, client)
        assert await store.run(stage_of, preparing) == ("Confirmed", "confirmed", True)
    finally:
        store.close()


async def test_without_account_stages_nothing_is_replaced(tmp_path):
    store = Store(tmp_path / "helper.sqlite3")
    try:
        await store.run(default_stages.ensure_default, "en")
        order = await store.run(place_on("new"))
        assert await store.run(default_stages.adopt_account_stages) == 0
        assert await store.run(stage_of, order) == ("New", "new", False)
    finally:
        store.close()
