"""`connect`: https only (http only to this computer), and the API key kept off the command line
(other users read /proc/*/cmdline): from SENDOCKI_API_KEY, standard input or a prompt."""

import os
import subprocess

import pytest

from sendocki_helper.sync import credentials
from tests.sandbox.server import API_KEY
from tests.support import HELPER_BIN

pytestmark = pytest.mark.slow


def connect(data_dir, *args, stdin: str = "", env: dict | None = None):
    data_dir.mkdir(exist_ok=True)  # a workspace folder (connect never makes one)
    return subprocess.run(
        [HELPER_BIN, "connect", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_plain_http_to_another_host_is_refused_before_any_key_is_sent(tmp_path):
    for url, said in (
        ("http://api.sendocki.example", "must start with https://"),
        ("ftp://api.sendocki.example", "is not a full web address"),
        ("api.example", "is not a full web address (did you mean https://api.example?)"),
    ):
        done = connect(tmp_path / "data", "--api-url", url, stdin="sk_live_secret\n")
        assert done.returncode == 2, done.stdout + done.stderr
        assert said in done.stderr
    assert credentials.load(tmp_path / "data") is None


def test_the_key_comes_from_the_environment_or_standard_input_without_a_warning(sandbox, tmp_path):
    from_env = connect(tmp_path / "a", "--api-url", sandbox.url, env={"SENDOCKI_API_KEY": API_KEY})
    assert from_env.returncode == 0, from_env.stdout + from_env.stderr
    assert credentials.load(tmp_path / "a").api_key == API_KEY
    from_stdin = connect(tmp_path / "b", "--api-url", sandbox.url, stdin=API_KEY + "\n")
    assert from_stdin.returncode == 0, from_stdin.stdout + from_stdin.stderr
    assert credentials.load(tmp_path / "b").api_key == API_KEY
    assert "warning" not in from_env.stderr + from_stdin.stderr


def test_the_key_on_the_command_line_still_works_with_a_warning(sandbox, tmp_path):
    done = connect(tmp_path / "data", "--api-url", sandbox.url, "--api-key", API_KEY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning: --api-key is visible to other users" in done.stderr
