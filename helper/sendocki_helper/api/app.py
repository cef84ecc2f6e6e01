"""The application factory: store, guards, declared routes."""

import asyncio
import contextlib
import logging

from aiohttp import web

from sendocki_helper.api import (  # noqa: F401  (declare endpoints)
    routes_catalog,
    routes_customers,
    routes_delivery,
    routes_meta,
    routes_orders,
    routes_pipeline,
    routes_sync,
    routes_team,
    routes_thumbnails,
)
from sendocki_helper.api.endpoints import add_routes, public_paths
from sendocki_helper.api.keys import (
    CONFIG,
    HELPER_ID,
    IS_DEMO,
    PUBLIC_ROUTES,
    RATE_LIMITER,
    STORE,
    SYNC,
    THUMBNAILS,
)
from sendocki_helper.api.middleware import MIDDLEWARES
from sendocki_helper.api.rate_limit import RateLimiter
from sendocki_helper.config import HelperConfig
from sendocki_helper.images.service import Thumbnails
from sendocki_helper.services import demo, maintenance, settings
from sendocki_helper.store.db import Store
from sendocki_helper.sync.runtime import SyncRuntime

log = logging.getLogger("sendocki_helper.api")

MAX_BODY_BYTES = 256 * 1024
HOUSEKEEPING_EVERY_SECONDS = 3600
# Out of the way of start-up: the first orders and searches must not queue behind a backup.
HOUSEKEEPING_FIRST_DELAY_SECONDS = 30.0


async def _housekeeping_loop(app: web.Application) -> None:
    """Backup, key purge and WAL checkpoint shortly after start, then hourly (the backup is daily)."""
    folder = app[CONFIG].data_dir / "backups"
    await asyncio.sleep(HOUSEKEEPING_FIRST_DELAY_SECONDS)
    while True:
        try:
            await app[STORE].run(maintenance.run_all, folder)
        except Exception:  # housekeeping must never take the helper down
            log.exception("housekeeping failed")
        await asyncio.sleep(HOUSEKEEPING_EVERY_SECONDS)


async def _drop_server_header(request: web.Request, response: web.StreamResponse) -> None:
    # The stock Server header would tell any prober what listens here.
    response.headers.pop("Server", None)


def create_app(config: HelperConfig, store: Store | None = None) -> web.Application:
    app = web.Application(middlewares=MIDDLEWARES, client_max_size=MAX_BODY_BYTES)
    app[CONFIG] = config
    app[RATE_LIMITER] = RateLimiter(config.rate_per_second, config.rate_burst)
    app[STORE] = store or Store(config.database_path)
    app[HELPER_ID] = app[STORE].database.connection_context()(settings.helper_id)()
    app[IS_DEMO] = app[STORE].database.connection_context()(demo.is_demo)()
    app.on_response_prepare.append(_drop_server_header)
    add_routes(app)
    app[PUBLIC_ROUTES] = public_paths()

    async def close_store(app: web.Application):
        yield
        app[STORE].close()

    app[SYNC] = SyncRuntime(app[STORE], config.data_dir)

    async def run_sync(app: web.Application):
        # Idle until an account is connected; stopped before the store closes (reverse order).
        app[SYNC].start()
        yield
        await app[SYNC].stop()

    async def housekeeping(app: web.Application):
        task = asyncio.ensure_future(_housekeeping_loop(app))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    app[THUMBNAILS] = Thumbnails(
        config.data_dir / "thumbnails", local_network=config.photos_from_local_network
    )

    async def close_thumbnails(app: web.Application):
        yield
        await app[THUMBNAILS].close()

    app.cleanup_ctx.append(close_thumbnails)
    app.cleanup_ctx.append(close_store)
    app.cleanup_ctx.append(housekeeping)
    app.cleanup_ctx.append(run_sync)
    return app
