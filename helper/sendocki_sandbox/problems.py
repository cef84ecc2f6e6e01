"""application/problem+json answers."""

import json

from aiohttp import web

TYPE_BASE = "https://sendocki.io/problems/"


class Problem(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str | None = None,
        errors: list[dict] | None = None,
        headers: dict | None = None,
        extra: dict | None = None,
    ):
        super().__init__(title)
        self.status, self.code, self.title, self.detail = status, code, title, detail
        self.errors, self.headers, self.extra = errors or [], headers or {}, extra or {}

    def response(self) -> web.Response:
        body = {
            "type": TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "code": self.code,
        }
        if self.detail:
            body["detail"] = self.detail
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return web.Response(
            status=self.status,
            text=json.dumps(body, ensure_ascii=False),
            content_type="application/problem+json",
            headers=self.headers,
        )


def invalid(title: str, errors: list[dict]) -> Problem:
    return Problem(422, "validation_error", title, errors=errors)
