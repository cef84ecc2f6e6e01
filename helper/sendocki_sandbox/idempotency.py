"""Idempotency keys, as Sendocki keeps them for every write a client may retry.

A key seen before answers what its first request got, without doing it again; the same key with
another request is refused (422), so a client bug cannot pass for a retry.
"""

import hashlib
import json
from collections.abc import Callable

from sendocki_sandbox.clock import now
from sendocki_sandbox.db import transaction
from sendocki_sandbox.problems import Problem

MAX_KEY_LENGTH = 255


def request_hash(body: object) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def once(
    conn, key: str | None, body, signed: object, status: int, act: Callable[[], dict]
) -> tuple[int, dict, bool]:
    """Runs `act` and keeps its answer under `key`, all in one transaction, unless the key was
    seen: then the first answer again. `signed` is what the key is bound to (the body, with the
    path where one key must not serve two orders). Returns (status, answer, replayed)."""
    if not key:
        raise Problem(400, "missing_idempotency_key", "The Idempotency-Key header is required")
    if len(key) > MAX_KEY_LENGTH:
        raise Problem(400, "invalid_request", "The Idempotency-Key header is too long")
    if not isinstance(body, dict):
        raise Problem(400, "invalid_request", "The body must be a JSON object")
    fingerprint = request_hash(signed)
    with transaction(conn):
        seen = conn.execute("SELECT * FROM idempotency_keys WHERE key = ?", (key,)).fetchone()
        if seen is not None:
            if seen["request_hash"] != fingerprint:
                raise Problem(
                    422,
                    "idempotency_mismatch",
                    "This Idempotency-Key was used with another request body",
                )
            return seen["status"], json.loads(seen["answer"]), True
        answer = act()
        conn.execute(
            "INSERT INTO idempotency_keys (key, request_hash, status, answer, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, fingerprint, status, json.dumps(answer), now()),
        )
    return status, answer, False
