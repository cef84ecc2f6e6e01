"""The per-platform type check (scripts/typecheck_platforms.py, run by scripts/test.sh) catches a
POSIX-only call outside a platform guard: planted here as the helper once had it, a module-level
`import fcntl` and the lock taken with fcntl.flock."""

import shutil
import subprocess
import sys

import pytest

from tests.support import REPO

pytestmark = pytest.mark.slow  # each test runs mypy in a process of its own

SCRIPT = REPO / "scripts" / "typecheck_platforms.py"
PLANTED = """
import fcntl


def take_lock(path: str) -> None:
    handle = open(path, "w")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
"""


def typecheck(package, platform: str) -> subprocess.CompletedProcess:
    # Its own mypy caches: the copy's modules have the same names as the helper's.
    caches = package.parent / "mypy-cache"
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--platform",
            platform,
            "--cache-dir",
            str(caches),
            str(package),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_module_level_fcntl_import_fails_the_windows_check_only(tmp_path):
    package = tmp_path / "sendocki_helper"
    shutil.copytree(REPO / "helper" / "sendocki_helper", package)
    serve = package / "serve.py"
    serve.write_text(serve.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")

    windows = typecheck(package, "win32")
    assert windows.returncode == 1
    assert "serve.py:" in windows.stdout and 'Module has no attribute "flock"' in windows.stdout

    linux = typecheck(package, "linux")
    # mypy accepts the same calls on Linux: hence the per-platform runs
    assert "only on linux" not in linux.stdout and '"flock"' not in linux.stdout


def test_the_helper_as_it_is_has_no_error_of_one_platform_only():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=600, cwd=REPO
    )
    assert result.returncode == 0, result.stdout
    assert "only on " not in result.stdout


def test_a_bare_module_level_fcntl_import_fails_the_check(tmp_path):
    # mypy alone accepts it (typeshed has an empty fcntl for win32); the import itself fails
    # on Windows, so the script refuses it.
    package = tmp_path / "sendocki_helper"
    shutil.copytree(REPO / "helper" / "sendocki_helper", package)
    serve = package / "serve.py"
    serve.write_text("import fcntl\n" + serve.read_text(encoding="utf-8"), encoding="utf-8")

    result = typecheck(package, "win32")
    assert result.returncode == 1
    assert "serve.py:1: error: module-level import of fcntl" in result.stdout
