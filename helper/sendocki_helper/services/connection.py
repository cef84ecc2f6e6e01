"""The Sendocki account connection as the database records it (never the API key): for status
and pausing. The API key itself lives in the credentials file (sync/credentials.py).

Runs on the store's writer thread, like every function that touches models.
"""

from typing import Any

from sendocki_helper import clock
from sendocki_helper.services import outbox, settings
from sendocki_helper.services.errors import clip
from sendocki_helper.store.models import database_proxy

API_URL = "sync.api_url"
WORKSPACE = "sync.workspace_name"
CONNECTED_AT = "sync.connected_at"
PAUSED = "sync.paused"  # why the outbox is paused ("auth"), absent when running
LAST_PULL_AT = "sync.last_pull_at"
LAST_ERROR = "sync.last_error"
LAST_ERROR_AT = "sync.last_error_at"
REACHABLE = "sync.api_reachable"  # "yes" / "no" after the last exchange
LAST_CONTACT_AT = "sync.last_contact_at"


def is_connected() -> bool:
    return settings.get(API_URL) is not None


def initial_sync_state() -> outbox.SyncState:
    return outbox.initial_sync_state(is_connected())


def mark_connected(api_url: str, workspace_name: str) -> int:
    """Returns how many orders saved in standalone mode are now queued for sending."""
    with database_proxy.atomic():
        settings.put(API_URL, api_url)
        settings.put(WORKSPACE, workspace_name)
        settings.put(CONNECTED_AT, clock.now_iso())
        for key in (PAUSED, LAST_ERROR, LAST_ERROR_AT, REACHABLE):
            settings.delete(key)
        return outbox.retag_queued_orders(connected=True)


def mark_disconnected() -> None:
    with database_proxy.atomic():
        for key in (API_URL, WORKSPACE, CONNECTED_AT, PAUSED, REACHABLE):
            settings.delete(key)
        outbox.retag_queued_orders(connected=False)


def pause(reason: str, message: str) -> None:
    with database_proxy.atomic():
        settings.put(PAUSED, reason)
        _error(message)


def paused_reason() -> str | None:
    return settings.get(PAUSED)


def record_contact(reachable: bool, error: str | None = None) -> None:
    with database_proxy.atomic():
        settings.put(REACHABLE, "yes" if reachable else "no")
        settings.put(LAST_CONTACT_AT, clock.now_iso())
        if error:
            _error(error)


def record_pull(skipped: list[str] | None = None) -> None:
    """A pull went through; `skipped` names entries the API sent that could not be stored."""
    with database_proxy.atomic():
        if skipped:
            shown = "; ".join(skipped[:3]) + (
                f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
            )
            _error(
                f"pull skipped {len(skipped)} malformed entr{'y' if len(skipped) == 1 else 'ies'}: {shown}"
            )
        settings.put(LAST_PULL_AT, clock.now_iso())
        settings.put(REACHABLE, "yes")
        settings.put(LAST_CONTACT_AT, clock.now_iso())


def _error(message: str) -> None:
    settings.put(LAST_ERROR, clip(message))
    settings.put(LAST_ERROR_AT, clock.now_iso())


def describe(depth: outbox.Depth | None = None) -> dict[str, Any]:
    """The `sync` block of GET /v1/status."""
    reachable = settings.get(REACHABLE)
    depth = depth or outbox.depth()
    age = None
    if depth.oldest_active_created_at is not None:
        waited = clock.utcnow() - clock.parse_iso(depth.oldest_active_created_at)
        age = max(0, round(waited.total_seconds()))
    return {
        "connected": is_connected(),
        "api_url": settings.get(API_URL),
        "workspace": settings.get(WORKSPACE),
        "api_reachable": None if reachable is None else reachable == "yes",
        "paused": settings.get(PAUSED),
        "last_pull_at": _display(settings.get(LAST_PULL_AT)),
        "last_contact_at": _display(settings.get(LAST_CONTACT_AT)),
        "outbox_depth": depth.active,
        "needs_attention": depth.needs_attention,
        "oldest_pending_age_seconds": age,
        "last_error": settings.get(LAST_ERROR),
        "last_error_at": _display(settings.get(LAST_ERROR_AT)),
    }


def _display(value: str | None) -> str | None:
    return clock.display(value) if value else None
