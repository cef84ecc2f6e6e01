"""Mode, sync state and outbox depth, for `GET /v1/status` and `sendocki-helper status`."""

from typing import Any

from sendocki_helper.services import connection, outbox


def describe() -> dict[str, Any]:
    depth = outbox.depth()
    sync = connection.describe(depth)
    return {
        "mode": "connected" if sync["connected"] else "standalone",
        "outbox_depth": sync["outbox_depth"],
        "needs_attention": sync["needs_attention"],
        "last_error": sync["last_error"] or depth.last_error,
        "sync": sync,
    }
