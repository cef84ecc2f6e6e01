"""The open-files limit: every connection, the SQLite files and the logs count against it.

macOS starts programs with a soft limit of 256 and Linux with 1024, far below the hard limit. The
helper raises its soft limit to the hard one (capped) at start; `doctor` reports both.
Windows has no such per-process limit to raise (no `resource` module): nothing to do there.
"""

import contextlib
import sys

# macOS's hard limit is often "unlimited" while the kernel caps a process near 10240.
WANTED = 10240


def limits() -> tuple[int, int] | None:
    """(soft, hard); -1 means unlimited; None where the platform has no such limit."""
    if sys.platform == "win32":
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    unlimited = resource.RLIM_INFINITY
    return (-1 if soft == unlimited else soft, -1 if hard == unlimited else hard)


def raise_soft_limit() -> tuple[int, int] | None:
    """Soft limit up to the hard one (at most WANTED); returns the limits now in force."""
    if sys.platform == "win32":
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED if hard == resource.RLIM_INFINITY else min(hard, WANTED)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        # Refused: keep the soft limit; `doctor` shows it.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return limits()
