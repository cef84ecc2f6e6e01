"""Idempotency keys for the routes that create (POST /v1/orders): docs/security.md, "Retries".

The key row is inserted in the same transaction as the order, and all writes go through the
single writer, so a key is either absent or holds its final answer: there is no visible
"running" state, and 8 parallel requests with one key serialise into one order and 7 replays.
A request that fails validation records nothing, so the corrected draft can reuse its key.
Keys are kept RETENTION_DAYS; an expired key is deleted when it comes back and counts as new.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sendocki_helper import clock
from sendocki_helper.services.errors import FieldError, ServiceError
from sendocki_helper.services.sql import execute, one

RETENTION_DAYS = 7
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class KeyedRequest:
    """Who sent which key to which route: the API layer builds it from the matched route, so a
    service never names its own HTTP method or path."""

    pairing_id: str
    key: str
    method: str
    path: str


@dataclass
class Stored:
    status: int
    answer_json: str  # exactly what the first request answered


def check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise ServiceError(
            400,
            "idempotency_key_missing",
            "The Idempotency-Key header is required",
            detail="Mint one key per order draft and reuse it on every retry.",
        )
    key = key.strip()
    if len(key) > MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
        raise ServiceError(
            400,
            "idempotency_key_invalid",
            "The Idempotency-Key header is invalid",
            errors=[
                FieldError(
                    "Idempotency-Key",
                    f"at most {MAX_KEY_LENGTH} printable ASCII characters",
                    "idempotency_key_invalid",
                    {"max_length": MAX_KEY_LENGTH},
                )
            ],
        )
    return key


def request_hash(request: KeyedRequest, body: dict[str, Any]) -> str:
    """Canonical JSON of the validated body: key order and whitespace do not make a new request."""
    canonical = json.dumps(
        [request.method, request.path, body],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lookup(request: KeyedRequest, digest: str, now: str) -> Stored | None:
    """The stored answer for a replay; None for a key never seen (or expired).

    Call inside the transaction.
    """
    row = one(
        "SELECT id, method, path, request_hash, status_code, response_json, expires_at "
        "FROM idempotency_keys WHERE pairing_id = ? AND key = ?",
        (request.pairing_id, request.key),
    )
    if row is None:
        return None
    row_id, row_method, row_path, row_hash, status, response, expires_at = row
    if expires_at <= now:
        execute("DELETE FROM idempotency_keys WHERE id = ?", (row_id,))
        return None
    if row_hash != digest or row_method != request.method or row_path != request.path:
        raise ServiceError(
            422,
            "idempotency_mismatch",
            "This Idempotency-Key was already used with another request",
            detail="A new order draft needs a new key.",
        )
    return Stored(status=status, answer_json=response)


def record(request: KeyedRequest, digest: str, status: int, answer_json: str, now: str) -> None:
    execute(
        "INSERT INTO idempotency_keys (pairing_id, key, method, path, request_hash, state, status_code, "
        "response_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?)",
        (
            request.pairing_id,
            request.key,
            request.method,
            request.path,
            digest,
            status,
            answer_json,
            now,
            clock.iso_in(days=RETENTION_DAYS),
        ),
    )
