"""The workspace's stages without an account (a default pipeline), and what happens to them when
an account is connected (docs/workspace.md).

Runs on the store's writer thread, like every function that touches models.
"""

import locale
import os
import sys
from collections.abc import Mapping

from sendocki_helper.ids import new_id
from sendocki_helper.services import connection, settings, sql
from sendocki_helper.services.default_stages_text import (
    FALLBACK_LANGUAGE,
    LANGUAGES,
    NAMES,
    STAGES,
    TEMPLATES,
)
from sendocki_helper.store.models import Order, Stage, database_proxy

LANGUAGE = "pipeline.language"
# Windows names its locales in English words ("French_France"), POSIX by code ("fr_MA.UTF-8").
WINDOWS_LOCALE_WORDS = {"french": "fr", "arabic": "ar", "english": "en"}


def seller_language(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """fr, ar or en from the system's language settings; French when they say nothing usable."""
    candidates = [environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    if platform == "win32" or not any(candidates):
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        language = _language_of(value)
        if language:
            return language
    return FALLBACK_LANGUAGE


def _language_of(value: str) -> str | None:
    head = value.split(":")[0].strip().lower()
    if not head or head in ("c", "posix") or head.startswith("c."):
        return None
    word = head.split("_")[0].split(".")[0].split("-")[0]
    return word if word in LANGUAGES else WINDOWS_LOCALE_WORDS.get(word)


def ensure_default(language: str | None = None) -> bool:
    """Creates the default pipeline in a workspace that has no stage and no account.
    Returns True when it created it."""
    with database_proxy.atomic():
        if Stage.select().exists() or connection.is_connected():
            return False
        _create_default(language or seller_language())
    return True


def reset_default(language: str) -> int:
    """Replaces the local stages by the default pipeline in `language`; orders follow by state.
    Returns how many orders moved to another stage."""
    with database_proxy.atomic():
        # Orders point at the old stages until they are moved: check their keys at commit.
        database_proxy.execute_sql("PRAGMA defer_foreign_keys = ON")
        old = list(Stage.select().order_by(Stage.position))
        Stage.delete().execute()
        _create_default(language)
        new = list(Stage.select().order_by(Stage.position))
        return _move_orders(old, new)


def _create_default(language: str) -> None:
    names, templates = NAMES[language], TEMPLATES[language]
    for position, (key, color, state) in enumerate(STAGES, start=1):
        Stage.create(
            id=new_id("s"),
            name=names[key],
            color=color,
            position=position,
            state=state,
            active=True,
            message_template=templates.get(key),
        )
    settings.put(LANGUAGE, language)


def adopt_account_stages() -> int:
    """After an account's stages are pulled: the local stages (default pipeline, or added by the
    seller) give way to the account's. Each order on a local stage moves to the account's stage
    of the same standard state; a stage without a state follows the stage before it. Returns how
    many orders moved. Nothing changes while the account has no active stage."""
    with database_proxy.atomic():
        remote = list(
            Stage.select()
            .where(Stage.remote_id.is_null(False), Stage.active == True)  # noqa: E712
            .order_by(Stage.position)
        )
        local = list(Stage.select().where(Stage.remote_id.is_null()).order_by(Stage.position))
        if not remote or not local:
            return 0
        database_proxy.execute_sql("PRAGMA defer_foreign_keys = ON")
        moved = _move_orders(local, remote)
        Stage.delete().where(Stage.id.in_([s.id for s in local])).execute()
        return moved


def _move_orders(old: list[Stage], new: list[Stage]) -> int:
    """Points the orders of each old stage at its counterpart among `new`: same name, else same
    standard state, else the counterpart of the stage before it, else the first new stage."""
    by_name = {s.name.lower(): s for s in reversed(new)}
    by_state = {s.state: s for s in reversed(new) if s.state}
    moved, previous = 0, new[0]
    for stage in old:
        same_state = by_state.get(stage.state) if stage.state else None
        target = by_name.get(stage.name.lower()) or same_state or previous
        previous = target
        if target.id != stage.id:
            moved += Order.update(stage=target.id).where(Order.stage == stage.id).execute()
            # The orders' stage history points at the old stage too: it follows the same way.
            for column in ("from_stage_id", "to_stage_id"):
                sql.execute(
                    f"UPDATE order_stage_changes SET {column} = ? WHERE {column} = ?",
                    (target.id, stage.id),
                )
    return moved
