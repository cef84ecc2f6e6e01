"""Errors a service raises; the API turns each into an application/problem+json answer."""

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class FieldError:
    """One field's problem: `code` (stable, snake_case) and `params` let a client word it in the
    seller's language; `message` is the English wording for logs and API users."""

    field: str
    message: str
    code: str = "invalid"
    # dataclasses.field spelled out: `field` is also the name of this class's first attribute.
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass
class ServiceError(Exception):
    status: int
    code: str
    title: str
    detail: str | None = None
    errors: list[FieldError] = dataclasses.field(default_factory=list)
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


# Error text from outside (the Sendocki API's titles, exception messages) is stored and shown in
# /v1/status: never more than this.
MAX_STORED_ERROR = 500


def clip(text: str, limit: int = MAX_STORED_ERROR) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validation_error(title: str, *errors: FieldError) -> ServiceError:
    return ServiceError(422, "validation_error", title, errors=list(errors))


def not_found(what: str) -> ServiceError:
    return ServiceError(404, "not_found", f"{what} not found")
