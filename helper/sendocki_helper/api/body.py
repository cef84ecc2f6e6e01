"""Reading requests into pydantic models, and pydantic models into JSON answers."""

import json
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
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ServiceError(400, "invalid_json", "Request body is not valid JSON") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ServiceError(
            422,
            "validation_error",
            f"Invalid {model.__name__}",
            errors=errors_from_validation(error),
        ) from None


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
