"""Retry delays after stripe-python: exponential, capped, jittered, never below Retry-After."""

import random

INITIAL_DELAY = 0.5
MAX_DELAY = 300.0


def retry_delay(
    failures: int,
    retry_after: float | None = None,
    cap: float = MAX_DELAY,
    rand: random.Random | None = None,
) -> float:
    """Delay before the next attempt after `failures` failed attempts (1 for the first failure)."""
    delay = min(INITIAL_DELAY * 2 ** (max(failures, 1) - 1), cap)
    # Jitter in [delay/2, delay] spreads helpers that failed together (same outage).
    delay = (rand or random).uniform(delay / 2, delay)
    return max(delay, retry_after or 0.0)
