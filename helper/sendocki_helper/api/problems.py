"""application/problem+json answers (RFC 9457) with a stable `code` and field paths."""

import json

from aiohttp import web
from pydantic import ValidationError

from sendocki_helper.services.errors import FieldError, ServiceError

PROBLEM_TYPE_BASE = "https://sendocki-helper.local/problems/"


def field_path(loc: tuple) -> str:
    """('lines', 2, 'quantity') -> 'lines[2].quantity'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def errors_from_validation(error: ValidationError, prefix: tuple = ()) -> list[FieldError]:
    found = []
    for item in error.errors(include_url=False):
        loc = tuple(
            part for part in item["loc"] if part not in ("function-after", "function-before")
        )
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        found.append(FieldError(field=field_path(prefix + loc), message=message))
    return found


def problem_response(error: ServiceError) -> web.Response:
    body = {
        "type": PROBLEM_TYPE_BASE + error.code,
        "title": error.title,
        "status": error.status,
        "code": error.code,
    }
    if error.detail:
        body["detail"] = error.detail
    if error.errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in error.errors]
    return web.Response(
        status=error.status,
        text=json.dumps(body, ensure_ascii=False),
        content_type="application/problem+json",
        headers=error.headers,
    )
