"""A token bucket per paired browser (docs/security.md, rule 6): a leaked or runaway token
cannot flood the helper. IP limits are useless on loopback, so the pairing is the unit."""

import math
import time
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    rate: float  # tokens added per second
    burst: float  # bucket size
    tokens: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self):
        self.tokens = self.burst
        self.updated = time.monotonic()

    def take(self) -> float | None:
        """None when the request may go; else the seconds to wait before trying again."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return (1 - self.tokens) / self.rate


class RateLimiter:
    def __init__(self, rate: float, burst: float):
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, TokenBucket] = {}

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def retry_after(self, pairing_id: str) -> int | None:
        """None if allowed; else whole seconds for a Retry-After header (at least 1)."""
        if not self.enabled:
            return None
        bucket = self._buckets.get(pairing_id)
        if bucket is None:
            bucket = self._buckets[pairing_id] = TokenBucket(self.rate, self.burst)
        wait = bucket.take()
        return None if wait is None else max(1, math.ceil(wait))
