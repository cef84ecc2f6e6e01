"""Pull from Sendocki now (the extension's refresh), instead of waiting for the next minute."""

from aiohttp import web

from sendocki_helper import clock
from sendocki_helper.api.endpoints import Answer, endpoint
from sendocki_helper.api.keys import SYNC
from sendocki_helper.schemas.sync import PullAnswer


@endpoint(
    "POST",
    "/v1/sync/pull",
    "Pull every feed from Sendocki now; answers when the pull is done (409 when not connected)",
)
async def pull_now(request: web.Request) -> Answer[PullAnswer]:
    counts = await request.app[SYNC].pull_now()
    return {"counts": counts, "last_pull_at": clock.display(clock.now_iso())}
