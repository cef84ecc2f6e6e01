"""Workspace settings and helper identity, kept as key/value rows."""

import secrets
from typing import overload

from sendocki_helper.services.sql import one
from sendocki_helper.store.models import Setting

DEFAULTS = {"currency": "MAD", "default_region": "MA"}


@overload
def get(key: str) -> str | None: ...
@overload
def get(key: str, default: str) -> str: ...
def get(key: str, default: str | None = None) -> str | None:
    # Plain SQL: read on every order (is an account connected?), where peewee's query building
    # cost ten times the lookup itself.
    row = one("SELECT value FROM settings WHERE key = ?", (key,))
    if row is not None:
        value: str = row[0]
        return value
    return DEFAULTS.get(key, default)


def put(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def delete(key: str) -> None:
    Setting.delete().where(Setting.key == key).execute()


def helper_id() -> str:
    """Minted once per data folder; the extension pins it at pairing to detect impostors."""
    existing = get("helper_id")
    if existing:
        return existing
    value = "h_" + secrets.token_hex(8)
    Setting.insert(key="helper_id", value=value).on_conflict_ignore().execute()
    return get("helper_id") or value
