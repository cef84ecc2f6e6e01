"""Reading requests into pydantic models, and pydantic models into JSON answers."""

import json
import re
from typing import TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from sendocki_helper.api.problems import errors_from_validation
from sendocki_helper.services.errors import ServiceError

M = TypeVar("M", bound=BaseModel)


async def parse_body(request: web.Request, model: type[M]) -> M:
    if request.content_type != "application/json":
        raise ServiceError(415, "unsupported_media_type", "Request body must be application/json")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise ServiceError(413, "payload_too_large", "Request body is too large") from None
    data = decode_json(raw)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ServiceError(
            422,
            "validation_error",
            f"Invalid {model.__name__}",
            errors=errors_from_validation(error),
        ) from None


# No request of ours nests deeper than a few levels; a deeper body is refused before parsing
# (Python's parser would recurse a thousand levels and fail with RecursionError, a 500).
MAX_JSON_DEPTH = 32


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than limit (no recursion, C-speed scans)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub(b"", raw)):
        depth += 1 if bracket in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def decode_json(raw: bytes):
    if json_depth_exceeds(raw):
        raise ServiceError(
            400,
            "json_too_deep",
            "Request body nests too deeply",
            detail=f"Objects and arrays may nest at most {MAX_JSON_DEPTH} levels.",
        )
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ServiceError(400, "invalid_json", "Request body is not valid JSON") from None


def parse_query(request: web.Request, model: type[M]) -> M:
    try:
        return model.model_validate(dict(request.query))
    except ValidationError as error:
        raise ServiceError(
            422, "validation_error", "Invalid query", errors=errors_from_validation(error)
        ) from None


def answer(model: type[BaseModel], data, status: int = 200, headers=None) -> web.Response:
    """Validate the service's result against the documented model, so the OpenAPI stays true."""
    payload = model.model_validate(data).model_dump(mode="json")
    return web.Response(
        status=status,
        text=json.dumps(payload, ensure_ascii=False),
        content_type="application/json",
        headers=headers,
    )
