"""Listing and editing the workspace's stages and their message templates (`sendocki-helper
stages`). Editing is for workspaces without an account: a connected workspace's stages are the
account's, and its next pull would overwrite an edit made here.

Runs on the store's writer thread, like every function that touches models.
"""

from dataclasses import dataclass

import peewee

from sendocki_helper.ids import new_id
from sendocki_helper.services import connection, sql
from sendocki_helper.services.automation import PLACEHOLDER
from sendocki_helper.services.workspace import STANDARD_STATES
from sendocki_helper.store.models import Stage, database_proxy

PLACEHOLDERS = ("name", "first_name", "order_number", "total", "items", "stage", "address", "city")
COLORS = ("green", "orange", "yellow", "blue", "purple", "red", "gray")


class StageEditError(ValueError):
    """A refusal worded for the seller."""


@dataclass
class StageView:
    position: int
    id: str
    name: str
    state: str | None
    color: str
    active: bool
    template: str | None
    orders: int


def list_stages() -> list[StageView]:
    counts = dict(sql.rows("SELECT stage_id, COUNT(*) FROM orders GROUP BY stage_id"))
    return [
        StageView(
            s.position,
            s.id,
            s.name,
            s.state,
            s.color,
            s.active,
            s.message_template,
            counts.get(s.id, 0),
        )
        for s in Stage.select().order_by(Stage.position)
    ]


def find(ref: str) -> Stage:
    """A stage by its position in the list, its id or its name (any case)."""
    ref = ref.strip()
    stages = list(Stage.select().order_by(Stage.position))
    for stage in stages:
        if ref == stage.id or ref.lower() == stage.name.lower():
            return stage
    if ref.isdigit():
        for stage in stages:
            if stage.position == int(ref):
                return stage
    names = ", ".join(f"{s.position} {s.name}" for s in stages) or "none"
    raise StageEditError(f'no stage "{ref}"; the stages are: {names}')


def unknown_placeholders(template: str) -> list[str]:
    return sorted({m.group(1) for m in PLACEHOLDER.finditer(template)} - set(PLACEHOLDERS))


def set_template(ref: str, template: str | None) -> Stage:
    """Sets (or with None / empty text, removes) the message a new order on this stage offers."""
    editable()
    stage = find(ref)
    text = (template or "").strip() or None
    if text and unknown_placeholders(text):
        raise StageEditError(
            "unknown placeholder(s) "
            + ", ".join("{{" + p + "}}" for p in unknown_placeholders(text))
            + "; use "
            + ", ".join("{{" + p + "}}" for p in PLACEHOLDERS)
        )
    stage.message_template = text
    stage.save()
    return stage


def rename(ref: str, name: str) -> Stage:
    editable()
    stage = find(ref)
    name = name.strip()
    if not name:
        raise StageEditError("a stage needs a name")
    if _name_taken(name, by_other_than=stage.id):
        raise StageEditError(f'another stage is already called "{name}"')
    stage.name = name
    stage.save()
    return stage


def add(name: str, state: str | None, color: str, after: str | None) -> Stage:
    """A new stage, at the end or right after another one."""
    editable()
    name = name.strip()
    if not name:
        raise StageEditError("a stage needs a name")
    if _name_taken(name):
        raise StageEditError(f'a stage is already called "{name}"')
    if state is not None and state not in STANDARD_STATES:
        raise StageEditError(f'unknown state "{state}"; use one of {", ".join(STANDARD_STATES)}')
    if color not in COLORS:
        raise StageEditError(f'unknown colour "{color}"; use one of {", ".join(COLORS)}')
    with database_proxy.atomic():
        last = Stage.select(peewee.fn.MAX(Stage.position)).scalar() or 0
        position = find(after).position + 1 if after else last + 1
        Stage.update(position=Stage.position + 1).where(Stage.position >= position).execute()
        return Stage.create(
            id=new_id("s"), name=name, color=color, position=position, state=state, active=True
        )


def set_active(ref: str, active: bool) -> Stage:
    """A disabled stage stays for the orders already on it; new orders cannot use it."""
    editable()
    stage = find(ref)
    if not active:
        others = Stage.select().where(Stage.active == True, Stage.id != stage.id)  # noqa: E712
        if not others.exists():
            raise StageEditError("this is the last active stage; new orders need one")
    stage.active = active
    stage.save()
    return stage


def _name_taken(name: str, by_other_than: str | None = None) -> bool:
    query = Stage.select().where(peewee.fn.lower(Stage.name) == name.lower())
    if by_other_than is not None:
        query = query.where(Stage.id != by_other_than)
    return bool(query.exists())


def editable() -> None:
    if connection.is_connected():
        raise StageEditError(
            "this workspace's stages come from your Sendocki account; change them in Sendocki "
            "(the helper takes them at the next sync)"
        )
