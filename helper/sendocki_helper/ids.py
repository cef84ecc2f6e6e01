"""Opaque, prefixed identifiers (`c_…` customer, `o_…` order) that never collide across processes."""

import secrets


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def new_ids(prefix: str, count: int) -> list[str]:
    """`count` ids like `new_id`'s, from one read of random bytes (one syscall, not one per id)."""
    raw = secrets.token_hex(8 * count)
    return [f"{prefix}_{raw[i : i + 16]}" for i in range(0, 16 * count, 16)]
