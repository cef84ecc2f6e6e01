"""The pipeline view: orders by stage with counts and totals, filtered and paged by cursor.

Filters combine: one stage, "mine" (created by this browser's agent, or by this browser when it
has no agent), a time since which they were created ("today" is the browser's own midnight),
and a search by customer name, phone, or order number through FTS5 (`order_search`). Pages are
newest first, keyset-paginated on `seq` like order history, so paging never repeats or skips an
order while others arrive. Counts and totals per stage honour every filter but the stage, and
come with the first page only. Plain SQL: with 50,000 orders this is the view's whole cost.
"""

import json
from typing import Any

import phonenumbers

from sendocki_helper import clock
from sendocki_helper.services import customers, phones
from sendocki_helper.services.catalog_text import tokens
from sendocki_helper.services.errors import FieldError, validation_error
from sendocki_helper.services.pairing import pairing_agent
from sendocki_helper.services.sql import one, rows
from sendocki_helper.store.fields import from_centimes

MAX_WORDS = 6
PHONE_CHARS = set("0123456789 +-.()")
MIN_PHONE_DIGITS = 6

_ORDER_COLUMNS = (
    "o.id, o.number, o.external_number, o.created_at, o.stage_changed_at, o.total, o.currency,"
    " o.origin, o.sync_state, o.conversation_key, s.id, s.name, s.color, s.state,"
    " c.id, c.name, c.phone, a.id, a.name, o.stage_issue"
)
_ORDER_JOINS = (
    " FROM orders o JOIN stages s ON s.id = o.stage_id JOIN customers c ON c.id = o.customer_id"
    " LEFT JOIN agents a ON a.id = o.created_by_agent_id"
)


def _search_expression(q: str) -> str | None:
    """An FTS5 expression for what the agent typed; None when nothing searchable was typed."""
    text = phones.clean(q)
    digits = "".join(ch for ch in text if ch.isdigit())
    if set(text) <= PHONE_CHARS and len(digits) >= MIN_PHONE_DIGITS:
        options = {digits}
        try:
            options.add(phones.normalise(text, customers.region())[1:])
        except phones.PhoneError:
            if digits.startswith("0"):  # a national number being typed: 0661 23…
                code = phonenumbers.country_code_for_region(customers.region())
                options.add(f"{code}{digits[1:]}")
        phone = " OR ".join(f'phone : "{option}"*' for option in sorted(options))
        return f'({phone} OR numbers : "{digits}"*)'
    words = tokens(text)[:MAX_WORDS]
    if not words:
        return None
    # Tokens hold only letters and digits, so quoting cannot be escaped out of.
    return " AND ".join(f'{{numbers customer}} : "{word}"*' for word in words)


def _filters(
    stage_id: str | None,
    agent_id: str | None,
    pairing_id: str,
    mine: bool,
    since: str | None,
    q: str | None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if stage_id:
        where.append("o.stage_id = ?")
        params.append(stage_id)
    if mine:
        if agent_id:
            where.append("(o.created_by_agent_id = ? OR o.pairing_id = ?)")
            params += [agent_id, pairing_id]
        else:
            where.append("o.pairing_id = ?")
            params.append(pairing_id)
    if since:
        where.append("o.created_at >= ?")
        params.append(since)
    if q:
        expression = _search_expression(q)
        if expression is None:
            where.append("0")
        else:
            where.append("o.rowid IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)")
            params.append(expression)
    return where, params


def _since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return clock.iso(clock.parse_any(value))
    except ValueError:
        raise validation_error(
            "Invalid filter", FieldError("since", "must be a time like 2026-11-30T00:00:00Z")
        ) from None


def page(
    pairing_id: str,
    stage_id: str | None = None,
    mine: bool = False,
    since: str | None = None,
    q: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict:
    if cursor is not None and not (cursor.isascii() and cursor.isdigit()):
        raise validation_error(
            "Invalid query", FieldError("cursor", "is not a cursor from a previous page")
        )
    if stage_id and one("SELECT 1 FROM stages WHERE id = ?", (stage_id,)) is None:
        raise validation_error("Invalid query", FieldError("stage", f"unknown stage '{stage_id}'"))
    since = _since(since)
    agent_id = pairing_agent(pairing_id) if mine else None
    where, params = _filters(stage_id, agent_id, pairing_id, mine, since, q)
    paged = list(where)
    if cursor is not None:
        paged.append("o.seq < ?")
    found = rows(
        f"SELECT {_ORDER_COLUMNS}, o.seq{_ORDER_JOINS}"
        + (" WHERE " + " AND ".join(paged) if paged else "")
        + " ORDER BY o.seq DESC LIMIT ?",
        (*params, *([int(cursor)] if cursor is not None else []), limit + 1),
    )
    more = len(found) > limit
    found = found[:limit]
    answer = {
        "orders": [_row(r) for r in found],
        "next": str(found[-1][-1]) if more else None,
    }
    if cursor is None:
        answer["stages"] = _stages(*_filters(None, agent_id, pairing_id, mine, since, q))
    return answer


def _stages(where: list[str], params: list) -> list[dict]:
    sums = {
        r[0]: (r[1], r[2])
        for r in rows(
            "SELECT o.stage_id, COUNT(*), COALESCE(SUM(o.total), 0) FROM orders o"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY o.stage_id",
            tuple(params),
        )
    }
    stages = rows(
        "SELECT id, name, color, state, position, active, automated, message_template IS NOT NULL"
        " FROM stages ORDER BY position, name"
    )
    return [
        {
            "id": s[0],
            "name": s[1],
            "color": s[2],
            "state": s[3],
            "position": s[4],
            "active": bool(s[5]),
            "automated": bool(s[6]),
            "has_message": bool(s[7]),
            "count": sums.get(s[0], (0, 0))[0],
            "total": from_centimes(sums.get(s[0], (0, 0))[1]),
        }
        for s in stages
        # An inactive stage shows only while orders still sit in it.
        if s[5] or sums.get(s[0], (0, 0))[0]
    ]


def _row(r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": r[0],
        "number": r[1],
        "external_number": r[2],
        "created_at": clock.display(r[3]),
        "stage_changed_at": clock.display(r[4]) if r[4] else None,
        "total": from_centimes(r[5]),
        "currency": r[6],
        "origin": r[7],
        "sync_state": r[8],
        "conversation": r[9],
        "stage": {"id": r[10], "name": r[11], "color": r[12], "state": r[13]},
        "customer": {"id": r[14], "name": r[15], "phone": r[16]},
        "created_by": None if r[17] is None else {"id": r[17], "name": r[18]},
        "stage_issue": json.loads(r[19]) if r[19] else None,
    }
