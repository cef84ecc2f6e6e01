"""Type-checks the helper as it would run on Windows, macOS and Linux (mypy --platform).

A POSIX-only call outside a platform guard (fcntl.flock, os.getuid, loop.add_signal_handler's
signals...) type-checks on Linux but not for win32: typeshed declares those names only under
`sys.platform != "win32"`. So the helper is checked once per platform, whatever machine runs it.

    python scripts/typecheck_platforms.py [--platform P ...] [--all] [PATH ...]

Exit 1 when a platform has an error that another platform does not have: code that type-checks
on one OS and not on another is code that breaks there. Linux is always checked, as the
reference. Errors that every platform has are the general type check's business (mypy with the
project's configuration); they are counted here, and fail the run only with --all.
"""

import argparse
import ast
import hashlib
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLATFORMS = ("linux", "win32", "darwin")
# Modules that exist on one family of systems only. mypy cannot flag a bare `import fcntl` for
# win32 (typeshed declares the module everywhere, empty on Windows), so an unguarded module-level
# import of one of these is caught by reading the source instead.
ONE_PLATFORM_MODULES = {
    "fcntl": "POSIX",
    "grp": "POSIX",
    "pwd": "POSIX",
    "resource": "POSIX",
    "termios": "POSIX",
    "tty": "POSIX",
    "pty": "POSIX",
    "syslog": "POSIX",
    "msvcrt": "Windows",
    "winreg": "Windows",
    "winsound": "Windows",
    "_winapi": "Windows",
}
ERROR = re.compile(r"^(?P<where>[^:]+:\d+): error: (?P<what>.*)$")


def cache_for(paths: list[str], cache_root: Path, platform: str) -> Path:
    """One cache per platform and per checked tree: mypy's cache is keyed by module name, and a
    copy of the helper elsewhere (tests) has the same module names."""
    tree = hashlib.sha256("\0".join(str(Path(p).resolve()) for p in paths).encode()).hexdigest()
    return cache_root / f"{platform}-{tree[:12]}"


def check(platform: str, paths: list[str], cache_root: Path) -> set[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--platform",
            platform,
            "--cache-dir",
            str(cache_for(paths, cache_root, platform)),
            *paths,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if result.returncode not in (0, 1):
        sys.exit(f"mypy could not run for {platform}:\n{result.stdout}{result.stderr}")
    return {line for line in result.stdout.splitlines() if ERROR.match(line)}


def unguarded_imports(paths: list[str]) -> list[str]:
    """Module-level imports of a one-platform module, outside any `if` or `try` (the guards)."""
    found = []
    for root in paths:
        root_path = Path(root)
        files = [root_path] if root_path.is_file() else sorted(root_path.rglob("*.py"))
        for path in files:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in tree.body:  # top level only: a function or a guard is fine
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    family = ONE_PLATFORM_MODULES.get(name.split(".")[0])
                    if family:
                        found.append(
                            f"{path}:{node.lineno}: error: module-level import of {name}, "
                            f"which exists on {family} only: import it under a platform guard"
                        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", choices=PLATFORMS)
    parser.add_argument(
        "--all", action="store_true", help="also fail on errors that every platform has"
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=REPO / ".mypy_cache",
        help="one cache per platform under it",
    )
    parser.add_argument("paths", nargs="*", default=["helper/sendocki_helper"])
    args = parser.parse_args()
    platforms = ["linux"] + [p for p in (args.platform or PLATFORMS) if p != "linux"]
    unguarded = unguarded_imports(args.paths)
    for line in unguarded:
        print(f"  on one platform only: {line}")
    found = {platform: check(platform, args.paths, args.cache_dir) for platform in platforms}
    everywhere = set.intersection(*found.values())
    failed = bool(everywhere) and args.all
    for platform, errors in found.items():
        only_here = sorted(errors - everywhere)
        print(
            f"mypy --platform {platform}: {len(errors)} error(s), "
            f"{len(only_here)} not on every platform"
        )
        for line in only_here:
            print(f"  only on {platform}: {line}")
        failed = failed or bool(only_here)
    if everywhere:
        print(f"{len(everywhere)} error(s) on every platform (the general type check's)")
    return 1 if failed or unguarded else 0


if __name__ == "__main__":
    sys.exit(main())
