"""The helper's answer to the extension's identity challenge on GET /v1/ping.

proof = HMAC-SHA256(key, "sendocki-ping-v2" \\n nonce \\n helper_id \\n port), where
- key = HKDF-SHA256(token) (RFC 5869): the worker derives it from the token it holds; the helper
  derives it once, at pairing, and keeps it in a 0600 file per pairing outside the database
  (`pairing-keys/` next to it). The database keeps only SHA-256 of the token, a separate verifier
  for authentication: a copy of the database or of a backup cannot produce a proof.
- port is the port this helper itself listens on. The worker checks it against the port it
  dialled, so a program on that port that relays to a helper elsewhere gets a proof that fails.
"""

import hashlib
import hmac
import re
from pathlib import Path

from sendocki_helper.private_files import write_private
from sendocki_helper.store.models import database_proxy

HKDF_SALT = b"sendocki-helper"
HKDF_INFO = b"ping-proof v2"
PROOF_LABEL = "sendocki-ping-v2"
KEYS_FOLDER = "pairing-keys"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """RFC 5869 extract-and-expand with SHA-256 (hashlib has none; 8 lines beat a dependency)."""
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    block, output, counter = b"", b"", 1
    while len(output) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        output += block
        counter += 1
    return output[:length]


def derive_key(token: str) -> bytes:
    return hkdf_sha256(token.encode("utf-8"), HKDF_SALT, HKDF_INFO)


def proof(key: bytes, nonce: str, helper_id: str, port: int) -> str:
    message = "\n".join([PROOF_LABEL, nonce, helper_id, str(port)]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def keys_folder() -> Path:
    """Beside the open database (the data folder), so the CLI and the server find the same keys."""
    return Path(database_proxy.obj.database).parent / KEYS_FOLDER


def _key_path(pairing_id: str) -> Path | None:
    return keys_folder() / f"{pairing_id}.key" if _SAFE_ID.match(pairing_id or "") else None


def save_key(pairing_id: str, token: str) -> None:
    path = _key_path(pairing_id)
    if path is None:
        raise ValueError("unsafe pairing id")
    write_private(path, derive_key(token).hex().encode("ascii"))


def load_key(pairing_id: str) -> bytes | None:
    path = _key_path(pairing_id)
    try:
        return bytes.fromhex(path.read_text("ascii").strip()) if path else None
    except (OSError, ValueError):
        return None


def forget_key(pairing_id: str) -> None:
    path = _key_path(pairing_id)
    if path is not None:
        path.unlink(missing_ok=True)
