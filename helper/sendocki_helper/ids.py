"""Opaque, prefixed identifiers (`c_…` customer, `o_…` order) that never collide across processes."""

import secrets


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"
