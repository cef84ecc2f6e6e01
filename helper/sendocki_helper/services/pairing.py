"""Pairing a browser: short-lived codes shown by the helper, exchanged for a bearer token.

Codes and tokens are stored only as SHA-256 digests. Five wrong codes void every open code and
lock pairing for LOCKOUT_MINUTES (even the right code is refused then).
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services import settings
from sendocki_helper.services.errors import ServiceError
from sendocki_helper.services.sql import execute, one
from sendocki_helper.store.models import Pairing, PairingCode, database_proxy

log = logging.getLogger("sendocki_helper.pairing")

CODE_DIGITS = 8
CODE_MINUTES = 10
MAX_FAILURES = 5
LOCKOUT_MINUTES = 5
LAST_USED_PRECISION_SECONDS = 60  # avoid a disk write on every request


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_code() -> str:
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    with database_proxy.atomic():
        PairingCode.create(
            code_hash=digest(code),
            created_at=clock.now_iso(),
            expires_at=clock.iso_in(minutes=CODE_MINUTES),
        )
    return code


def has_active_pairing() -> bool:
    return Pairing.select().where(Pairing.revoked_at.is_null()).exists()


@dataclass
class PairingResult:
    token: str
    pairing_id: str


def locked_until() -> str | None:
    until = settings.get("pairing_locked_until")
    if until and until > clock.now_iso():
        return until
    return None


def redeem_code(code: str, client_name: str, origin: str | None) -> PairingResult:
    # Failures are committed before the error is raised: a rollback must not reset the count.
    with database_proxy.atomic():
        until = locked_until()
        if until:
            outcome = "locked"
        else:
            outcome = _consume_code(code)
            if outcome == "ok":
                token = secrets.token_urlsafe(32)
                pinned = origin if origin and origin.startswith("chrome-extension://") else None
                pairing = Pairing.create(
                    id=new_id("pr"),
                    name=client_name,
                    token_hash=digest(token),
                    origin=pinned,
                    created_at=clock.now_iso(),
                )
    if until:  # outcome "locked"
        raise ServiceError(
            429,
            "pairing_locked",
            "Pairing is locked after too many wrong codes",
            detail=f"Try again after {clock.display(until)} with a new code from the helper.",
            headers={"Retry-After": str(LOCKOUT_MINUTES * 60)},
        )
    if outcome == "wrong":
        raise ServiceError(
            403, "invalid_pairing_code", "This pairing code is wrong, used or expired"
        )
    log.info("Browser paired: %s", pairing.id)
    return PairingResult(token=token, pairing_id=pairing.id)


def _consume_code(code: str) -> str:
    now = clock.now_iso()
    wanted = digest(code.strip())
    match = None
    for candidate in PairingCode.select().where(
        PairingCode.used_at.is_null(), PairingCode.expires_at > now
    ):
        if hmac.compare_digest(candidate.code_hash, wanted):
            match = candidate
    if match is not None:
        PairingCode.update(used_at=now).where(PairingCode.id == match.id).execute()
        settings.put("pairing_failures", "0")
        return "ok"
    failures = int(settings.get("pairing_failures", "0")) + 1
    if failures >= MAX_FAILURES:
        settings.put("pairing_failures", "0")
        settings.put("pairing_locked_until", clock.iso_in(minutes=LOCKOUT_MINUTES))
        PairingCode.update(used_at=now).where(PairingCode.used_at.is_null()).execute()
        log.warning(
            "Pairing locked for %d minutes after %d wrong codes. "
            "Run `sendocki-helper pair` afterwards for a new code.",
            LOCKOUT_MINUTES,
            MAX_FAILURES,
        )
    else:
        settings.put("pairing_failures", str(failures))
    return "wrong"


def authenticate(token: str, origin: str | None) -> str | None:
    """The pairing id for a valid token (and an origin that matches its pin), else None."""
    wanted = digest(token)
    # Plain SQL: this runs before every request, where peewee's query building cost more than
    # the lookup itself (services/sql.py).
    row = one(
        "SELECT id, token_hash, origin, last_used_at, revoked_at FROM pairings "
        "WHERE token_hash = ?",
        (wanted,),
    )
    if row is None:
        return None
    pairing_id, token_hash, pinned, last_used_at, revoked_at = row
    if revoked_at is not None or not hmac.compare_digest(token_hash, wanted):
        return None
    if origin is not None and pinned is not None and origin != pinned:
        return None
    now = clock.now_iso()
    if last_used_at is None or _seconds_between(last_used_at, now) > LAST_USED_PRECISION_SECONDS:
        execute("UPDATE pairings SET last_used_at = ? WHERE id = ?", (now, pairing_id))
    found: str = pairing_id
    return found


def _seconds_between(earlier: str, later: str) -> float:
    return (clock.parse_iso(later) - clock.parse_iso(earlier)).total_seconds()


def identity_proof(pairing_id: str, nonce: str, helper_id: str) -> str | None:
    """Proves to a paired extension that this helper knows its token, without the token crossing.

    Keyed with the token's SHA-256 (what the helper stores); None for an unknown or revoked pairing.
    """
    pairing = Pairing.get_or_none(Pairing.id == pairing_id)
    if pairing is None or pairing.revoked_at is not None:
        return None
    key = bytes.fromhex(pairing.token_hash)
    return hmac.new(key, (nonce + helper_id).encode("utf-8"), hashlib.sha256).hexdigest()


def is_pinned_origin(origin: str) -> bool:
    return Pairing.select().where(Pairing.origin == origin, Pairing.revoked_at.is_null()).exists()


def list_pairings() -> list[dict]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "created_at": p.created_at,
            "last_used_at": p.last_used_at,
            "revoked": p.revoked_at is not None,
        }
        for p in Pairing.select().order_by(Pairing.created_at)
    ]


def revoke(pairing_id: str) -> bool:
    with database_proxy.atomic():
        return bool(
            Pairing.update(revoked_at=clock.now_iso())
            .where(Pairing.id == pairing_id, Pairing.revoked_at.is_null())
            .execute()
        )
