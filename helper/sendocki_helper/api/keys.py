"""Typed application keys: what the app holds, by name and type."""

from aiohttp import web

from sendocki_helper.api.rate_limit import RateLimiter
from sendocki_helper.config import HelperConfig
from sendocki_helper.images.service import Thumbnails
from sendocki_helper.store.db import Store
from sendocki_helper.sync.runtime import SyncRuntime

CONFIG = web.AppKey("config", HelperConfig)
STORE = web.AppKey("store", Store)
HELPER_ID = web.AppKey("helper_id", str)
RATE_LIMITER = web.AppKey("rate_limiter", RateLimiter)
# (method, path) pairs that need no token, from the declared endpoints; built once per app.
PUBLIC_ROUTES = web.AppKey("public_routes", frozenset)
SYNC = web.AppKey("sync", SyncRuntime)
THUMBNAILS = web.AppKey("thumbnails", Thumbnails)

# Set on the request by the auth middleware.
PAIRING_ID = web.RequestKey("pairing_id", str)
