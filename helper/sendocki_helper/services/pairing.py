"""Pairing a browser: short-lived codes shown by the helper, exchanged for a bearer token.

Codes and tokens are stored only as SHA-256 digests; the ping proof's key lives outside the
database (ping_proof).

Brute force: MAX_FAILURES wrong codes lock pairing for LOCKOUT_MINUTES (even the right code is
refused then). With 8-digit codes living 10 minutes, that allows at most
MAX_FAILURES x (CODE_MINUTES / LOCKOUT_MINUTES + 1) = 220 guesses per code, a 2.2e-6 chance,
while a prankster can keep the seller out for one minute at a time, not five; open codes stay
valid through a lock. A code that was just used, sent again (a double click, parallel retries),
is answered "already used" and is not a wrong guess.
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services import ping_proof, settings
from sendocki_helper.services.errors import FieldError, ServiceError, validation_error
from sendocki_helper.services.sql import execute, one
from sendocki_helper.store.models import Agent, Pairing, PairingCode, database_proxy

log = logging.getLogger("sendocki_helper.pairing")

CODE_DIGITS = 8
CODE_MINUTES = 10
MAX_FAILURES = 20
LOCKOUT_MINUTES = 1
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
                pairing_id = new_id("pr")
                # Key first: a failed write rolls the pairing back instead of leaving it unprovable.
                ping_proof.save_key(pairing_id, token)
                pairing = Pairing.create(
                    id=pairing_id,
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
    if outcome == "used":
        raise ServiceError(
            403,
            "pairing_code_used",
            "This pairing code was already used",
            detail="Each code pairs one browser; run `sendocki-helper pair` for another.",
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
    # Codes still within their life, used or not: a used one sent again is not a guess.
    for candidate in PairingCode.select().where(PairingCode.expires_at > now):
        if hmac.compare_digest(candidate.code_hash, wanted):
            match = candidate
    if match is not None and match.used_at is not None:
        return "used"
    if match is not None:
        PairingCode.update(used_at=now).where(PairingCode.id == match.id).execute()
        settings.put("pairing_failures", "0")
        return "ok"
    failures = int(settings.get("pairing_failures", "0")) + 1
    if failures >= MAX_FAILURES:
        settings.put("pairing_failures", "0")
        settings.put("pairing_locked_until", clock.iso_in(minutes=LOCKOUT_MINUTES))
        log.warning(
            "Pairing locked for %d minute(s) after %d wrong codes "
            "(if that was not you, another program on this computer is guessing codes).",
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
    moment = clock.utcnow()
    # Stored times share one fixed-width ISO format, so they compare as strings (no parsing on
    # every request).
    stale_before = clock.iso(moment - timedelta(seconds=LAST_USED_PRECISION_SECONDS))
    if last_used_at is None or last_used_at < stale_before:
        execute(
            "UPDATE pairings SET last_used_at = ? WHERE id = ?", (clock.iso(moment), pairing_id)
        )
    found: str = pairing_id
    return found


def identity_proof(pairing_id: str, nonce: str, helper_id: str, port: int | None) -> str | None:
    """Proves to a paired extension that this helper, on this port, knows its token (the token
    never crosses); see ping_proof. None for an unknown or revoked pairing, or one made before
    the proof key existed (the extension then asks to pair again)."""
    pairing = Pairing.get_or_none(Pairing.id == pairing_id)
    if pairing is None or pairing.revoked_at is not None:
        return None
    key = ping_proof.load_key(pairing_id)
    return ping_proof.proof(key, nonce, helper_id, port) if key and port else None


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
        revoked = bool(
            Pairing.update(revoked_at=clock.now_iso())
            .where(Pairing.id == pairing_id, Pairing.revoked_at.is_null())
            .execute()
        )
    if revoked:
        ping_proof.forget_key(pairing_id)
    return revoked


def pairing_agent(pairing_id: str | None) -> str | None:
    """The agent this paired browser works as (None: not chosen).

    Plain SQL: order creation asks on every order (services/sql.py)."""
    row = one("SELECT agent_id FROM pairings WHERE id = ?", (pairing_id,))
    agent_id: str | None = row[0] if row else None
    return agent_id


def describe_current(pairing_id: str) -> dict:
    """This browser's pairing and the agent it works as."""
    row = Pairing.get_by_id(pairing_id)
    agent = Agent.get_or_none(Agent.id == row.agent_id) if row.agent_id else None
    return {
        "id": row.id,
        "name": row.name,
        "agent": None if agent is None else {"id": agent.id, "name": agent.name},
    }


def set_agent(pairing_id: str, agent_id: str | None) -> dict:
    """Chosen at pairing (from the workspace's active agents); None: not chosen."""
    if agent_id is not None and not (
        Agent.select().where(Agent.id == agent_id, Agent.active == True).exists()  # noqa: E712
    ):
        raise validation_error(
            "Invalid agent", FieldError("agent_id", f"unknown or inactive agent '{agent_id}'")
        )
    Pairing.update(agent=agent_id).where(Pairing.id == pairing_id).execute()
    return describe_current(pairing_id)
