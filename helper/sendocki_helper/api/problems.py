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


# pydantic's error types -> our stable codes (the rest keep pydantic's own type as the code).
_PYDANTIC_CODES = {
    "missing": "required",
    "string_too_short": "too_short",
    "string_too_long": "too_long",
    "too_long": "too_many",
    "too_short": "too_few",
    "decimal_max_places": "too_many_decimals",
    "decimal_max_digits": "too_large",
    "decimal_whole_digits": "too_large",
    "literal_error": "not_allowed",
    "extra_forbidden": "unknown_field",
    "finite_number": "number_invalid",
    "decimal_parsing": "number_invalid",
    "decimal_type": "number_invalid",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "string_type": "text_expected",
}
# Context values that are safe to hand back as parameters (no input echoed).
_PARAM_KEYS = ("min_length", "max_length", "decimal_places", "max_digits", "expected", "min", "max")


def errors_from_validation(error: ValidationError, prefix: tuple = ()) -> list[FieldError]:
    found = []
    for item in error.errors(include_url=False):
        loc = tuple(
            part for part in item["loc"] if part not in ("function-after", "function-before")
        )
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        context = item.get("ctx") or {}
        params = {k: context[k] for k in _PARAM_KEYS if k in context}
        code = _PYDANTIC_CODES.get(item["type"], item["type"])
        found.append(FieldError(field_path(prefix + loc), message, code, params))
    return found


def field_error_json(error: FieldError) -> dict:
    return {
        "field": error.field,
        "code": error.code,
        "params": error.params,
        "message": error.message,
    }


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
        body["errors"] = [field_error_json(e) for e in error.errors]
    return web.Response(
        status=error.status,
        text=json.dumps(body, ensure_ascii=False),
        content_type="application/problem+json",
        headers=error.headers,
    )
