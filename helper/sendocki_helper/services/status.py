"""Mode, sync state and outbox depth, for `GET /v1/status` and `sendocki-helper status`."""

from sendocki_helper.store.models import OutboxItem


def describe() -> dict:
    depth = OutboxItem.select().where(OutboxItem.status.in_(["pending", "in_flight"])).count()
    attention = OutboxItem.select().where(OutboxItem.status == "needs_attention").count()
    last = (
        OutboxItem.select(OutboxItem.last_error)
        .where(OutboxItem.last_error.is_null(False))
        .order_by(OutboxItem.updated_at.desc())
        .first()
    )
    return {
        "mode": "standalone",
        "outbox_depth": depth,
        "needs_attention": attention,
        "last_error": last.last_error if last else None,
        "sync": {"connected": False},
    }
