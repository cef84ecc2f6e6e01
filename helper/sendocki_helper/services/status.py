"""Mode, sync state and outbox depth, for `GET /v1/status` and `sendocki-helper status`."""

from sendocki_helper.services import demo
from sendocki_helper.store.models import OutboxItem
from sendocki_helper.sync import state as sync_state


def describe() -> dict:
    depth = OutboxItem.select().where(OutboxItem.status.in_(["pending", "in_flight"])).count()
    attention = OutboxItem.select().where(OutboxItem.status == "needs_attention").count()
    last = (
        OutboxItem.select(OutboxItem.last_error)
        .where(OutboxItem.last_error.is_null(False))
        .order_by(OutboxItem.updated_at.desc())
        .first()
    )
    sync = sync_state.describe()
    return {
        "mode": "connected" if sync["connected"] else "standalone",
        "demo": demo.is_demo(),
        "outbox_depth": depth,
        "needs_attention": attention,
        "last_error": sync["last_error"] or (last.last_error if last else None),
        "sync": sync,
    }
