"""The demo lives in its own folder, says it is the demo, and can be reset; the seller's default
folder is never touched by it."""

import json
import os
import signal
import subprocess

from sendocki_helper.config import default_data_dir, demo_data_dir
from tests.support import HELPER_BIN, REPO, free_port, http, wait_for_ping


def user_env(tmp_path) -> dict:
    """A user whose per-user folders are under tmp_path (XDG on Linux)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }


def cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([HELPER_BIN, *args], capture_output=True, text=True, env=env)


def test_demo_and_seller_folders_are_apart_neither_inside_the_other():
    demo, seller = demo_data_dir().resolve(), default_data_dir().resolve()
    assert demo != seller
    assert seller not in demo.parents and demo not in seller.parents


def test_serve_demo_uses_its_own_folder_says_so_and_reset_erases_it(tmp_path):
    env = user_env(tmp_path)
    share = tmp_path / "home" / ".local" / "share"
    port = free_port()
    process = subprocess.Popen(
        [HELPER_BIN, "serve", "--demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=REPO,
    )
    try:
        wait_for_ping(f"http://127.0.0.1:{port}", 20, process)
        _, identity = http("GET", f"http://127.0.0.1:{port}/v1/ping")
        assert identity["demo"] is True
        assert (share / "sendocki-helper-demo" / "helper.sqlite3").is_file()
        assert not (share / "sendocki-helper").exists()  # the seller's folder: untouched

        status = cli("status", "--demo", env=env).stdout
        assert (
            "(demo (sample products and customers; `sendocki-helper reset-demo` erases it))"
            in status
        )
        assert "Helper:               running" in status
        doctor = cli("doctor", "--demo", "--port", str(port), env=env).stdout
        assert "[ok] workspace: the demo (sample products and customers)" in doctor
        assert f"[ok] port: {port} is this folder's helper (the demo workspace)" in doctor

        busy = cli("reset-demo", env=env)
        assert busy.returncode == 2 and "a helper is running on" in busy.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(15)

    reset = cli("reset-demo", env=env)
    assert reset.returncode == 0, reset.stderr
    assert not (share / "sendocki-helper-demo" / "helper.sqlite3").exists()
    assert not (share / "sendocki-helper").exists()


def test_the_seller_workspace_is_never_taken_for_the_demo(tmp_path):
    env = user_env(tmp_path)
    seller = tmp_path / "seller"
    imported = cli(
        "import-catalog",
        str(REPO / "docs" / "samples" / "catalog-sendocki-template.csv"),
        "--data-dir",
        str(seller),
        "--create",
        env=env,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr

    over = cli("serve", "--demo", "--data-dir", str(seller), "--port", "0", env=env)
    assert over.returncode == 2
    assert "holds a real workspace, not the demo; the demo was not added to it" in over.stderr

    reset = cli("reset-demo", "--data-dir", str(seller), env=env)
    assert reset.returncode == 2
    assert "holds a real workspace, not the demo; nothing was erased" in reset.stderr
    assert (seller / "helper.sqlite3").is_file()
    status = json.loads(cli("status", "--json", "--data-dir", str(seller), env=env).stdout)
    assert status["demo"] is False
