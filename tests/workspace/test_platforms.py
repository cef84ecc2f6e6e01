"""Platform branches with the platform simulated (Windows and macOS cannot run here): stopping,
the single-instance lock, the seller's language, and the start-at-login files each platform
gets, checked against their expected content."""

import asyncio
import os
import plistlib
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sendocki_helper import autostart, serve, shutdown
from sendocki_helper.instance import AlreadyRunning, is_running, single_instance
from sendocki_helper.services import default_stages

PROGRAM = ["/opt/sendocki helper/sendocki-helper"]


# --- stopping ---------------------------------------------------------------------------------


def test_posix_stops_on_sigterm_ctrl_c_and_a_closed_terminal():
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        loop = asyncio.new_event_loop()
        try:
            stop = asyncio.Event()
            listened = shutdown.install_stop_handlers(loop, stop.set, threading.Event())
            assert listened == ["SIGTERM", "SIGINT", "SIGHUP"]
            loop.call_soon(os.kill, os.getpid(), getattr(signal, name))
            loop.run_until_complete(asyncio.wait_for(stop.wait(), 10))
        finally:
            loop.close()  # removes the handlers again


def test_windows_stops_on_ctrl_c_and_on_console_close_after_the_clean_stop(monkeypatch):
    registered: dict[int, object] = {}
    console: list = []
    monkeypatch.setattr(shutdown.signal, "signal", lambda num, fn: registered.setdefault(num, fn))
    monkeypatch.setattr(shutdown, "watch_console_events", lambda fn: console.append(fn) or True)
    loop = asyncio.new_event_loop()

    def windows_loop_has_none(*args):
        raise NotImplementedError  # what Windows' event loop answers

    loop.add_signal_handler = windows_loop_has_none  # type: ignore[method-assign]
    try:
        stop, stopped = asyncio.Event(), threading.Event()
        listened = shutdown.install_stop_handlers(loop, stop.set, stopped, platform="win32")
        assert listened == ["SIGINT", "SIGTERM", "console close"]  # no SIGBREAK off Windows
        assert set(registered) == {signal.SIGINT, signal.SIGTERM}

        # Ctrl-C: Python's handler runs outside the loop and hands the stop over to it.
        registered[signal.SIGINT](signal.SIGINT, None)
        loop.run_until_complete(asyncio.wait_for(stop.wait(), 10))

        # Console closed: Windows kills the process when the handler returns, so it returns
        # only once the helper has stopped.
        stop.clear()
        answered: list[bool] = []
        closing = threading.Thread(target=lambda: answered.append(console[0](2)))
        closing.start()
        loop.run_until_complete(asyncio.wait_for(stop.wait(), 10))
        assert answered == []  # still waiting for the clean stop
        stopped.set()
        closing.join(10)
        assert answered == [True]
    finally:
        loop.close()


def test_console_events_are_a_windows_only_thing():
    assert shutdown.watch_console_events(lambda event: True) is False


# --- one helper per folder ----------------------------------------------------------------------


def test_the_lock_refuses_a_second_helper_and_is_free_again_after(tmp_path):
    lock = tmp_path / "helper.lock"
    assert not is_running(lock)
    with single_instance(lock):
        assert is_running_elsewhere(lock)
        with (
            pytest.raises(AlreadyRunning, match="a helper is already running on"),
            single_instance(lock),
        ):
            pass
    assert not is_running(lock)
    if os.name == "posix":
        assert lock.stat().st_mode & 0o777 == 0o600


def is_running_elsewhere(lock: Path) -> bool:
    """What `pair` or `status` in another process sees."""
    code = (
        "import pathlib; from sendocki_helper.instance import is_running; "
        f"print(is_running(pathlib.Path({str(lock)!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return out.stdout.strip() == "True"


# --- the seller's language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ, platform, system_locale, expected",
    [
        ({"LANG": "fr_MA.UTF-8"}, "linux", None, "fr"),
        ({"LC_ALL": "ar_MA.UTF-8", "LANG": "en_US.UTF-8"}, "linux", None, "ar"),
        ({"LANG": "C.UTF-8"}, "linux", None, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "darwin", None, "fr"),
        ({}, "darwin", "en_US", "en"),  # a LaunchAgent has no LANG: the system's locale
        ({}, "win32", "Arabic_Morocco", "ar"),  # Windows names locales in words
        ({}, "win32", "English_United States", "en"),
        ({}, "win32", None, "fr"),
    ],
)
def test_seller_language(monkeypatch, environ, platform, system_locale, expected):
    monkeypatch.setattr(default_stages.locale, "getlocale", lambda: (system_locale, None))
    assert default_stages.seller_language(environ, platform) == expected


# --- start at login ----------------------------------------------------------------------------


def test_linux_user_unit_content():
    plan = autostart.plan_for(
        "linux",
        autostart.serve_command(PROGRAM, 47620, None),
        Path("/home/amina/.local/share/sendocki-helper"),
        environ={"XDG_CONFIG_HOME": "/home/amina/.config"},
    )
    assert plan.path == Path("/home/amina/.config/systemd/user/sendocki-helper.service")
    unit = plan.content.decode()
    assert 'ExecStart="/opt/sendocki helper/sendocki-helper" serve --port 47620\n' in unit
    for line in (
        "Type=exec",
        "KillSignal=SIGTERM",
        "Restart=on-failure",
        "RestartPreventExitStatus=3",
        "UMask=0077",
        "WantedBy=default.target",
    ):
        assert f"\n{line}\n" in unit
    assert plan.enable == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "sendocki-helper.service"],
    ]


def test_systemd_quoting_keeps_percent_and_quotes_literal():
    command = ["/home/a/100% sure/sendocki-helper", "serve", "--data-dir", '/tmp/say "hi"']
    assert autostart._systemd_quote(command) == (
        '"/home/a/100%% sure/sendocki-helper" serve --data-dir "/tmp/say \\"hi\\""'
    )


def test_macos_launch_agent_content(tmp_path):
    plan = autostart.macos_plan(
        autostart.serve_command(PROGRAM, None, None),
        Path("/Users/amina/Library/Application Support/sendocki-helper/logs"),
        uid=501,
        home=Path("/Users/amina"),
    )
    assert plan.path == Path("/Users/amina/Library/LaunchAgents/com.sendocki.helper.plist")
    agent = plistlib.loads(plan.content)
    assert agent == {
        "Label": "com.sendocki.helper",
        "ProgramArguments": ["/opt/sendocki helper/sendocki-helper", "serve"],
        "RunAtLoad": True,
        "KeepAlive": {"Crashed": True},
        "ProcessType": "Interactive",
        "StandardOutPath": "/Users/amina/Library/Application Support/sendocki-helper/logs/"
        "launchd.out.log",
        "StandardErrorPath": "/Users/amina/Library/Application Support/sendocki-helper/logs/"
        "launchd.err.log",
    }
    assert plan.enable == [["launchctl", "bootstrap", "gui/501", str(plan.path)]]
    assert plan.disable == [["launchctl", "bootout", "gui/501/com.sendocki.helper"]]


def test_windows_startup_shortcut_script():
    exe = r"C:\Users\O'Neil\AppData\Local\Programs\sendocki-helper\sendocki-helper.exe"
    data = Path(r"C:\Users\O'Neil\AppData\Local\sendocki-helper")
    plan = autostart.plan_for(
        "win32",
        autostart.serve_command([exe], None, Path(r"C:\Shop data")),
        data,
        environ={"APPDATA": r"C:\Users\O'Neil\AppData\Roaming"},
    )
    startup = r"C:\Users\O'Neil\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup"
    assert str(plan.path).replace("/", "\\") == startup + r"\Sendocki helper.lnk"
    assert plan.enable[0][:4] == ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command"]
    script = plan.enable[0][4].replace("/", "\\")
    assert script == (
        "$s = (New-Object -ComObject WScript.Shell).CreateShortcut('"
        + startup.replace("'", "''")
        + r"\Sendocki helper.lnk'); "
        "$s.TargetPath = '" + exe.replace("'", "''") + "'; "
        "$s.Arguments = 'serve --data-dir \"C:\\Shop data\"'; "
        "$s.WorkingDirectory = '" + str(data).replace("'", "''") + "'; "
        "$s.WindowStyle = 7; "
        "$s.Description = 'Sendocki helper: orders from WhatsApp Web'; "
        "$s.Save()"
    )


def test_on_off_status_write_run_and_remove(tmp_path):
    ran: list[list[str]] = []

    def runner(command):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    plan = autostart.linux_plan([*PROGRAM, "serve"], environ={"XDG_CONFIG_HOME": str(tmp_path)})
    autostart.turn_on(plan, runner)
    assert plan.path.read_bytes() == plan.content and ran == plan.enable
    assert autostart.state(plan, runner) == (True, True)
    assert autostart.turn_off(plan, runner) is True
    assert not plan.path.exists()
    assert autostart.turn_off(plan, runner) is False
    assert autostart.state(plan, runner) == (False, None)


def test_a_failing_service_manager_is_reported_in_words(tmp_path):
    def runner(command):
        return subprocess.CompletedProcess(command, 1, "", "Failed to connect to bus: No medium")

    plan = autostart.linux_plan(PROGRAM, environ={"XDG_CONFIG_HOME": str(tmp_path)})
    with pytest.raises(autostart.AutostartError) as refused:
        autostart.turn_on(plan, runner)
    assert str(refused.value) == (
        "`systemctl --user daemon-reload` failed: Failed to connect to bus: No medium "
        "(systemd's user session is not running here: log in to a desktop session)"
    )


def test_the_program_that_autostart_starts(tmp_path):
    assert autostart.program_command(frozen=True) == [str(Path(sys.executable).resolve())]
    script = tmp_path / "bin" / "sendocki-helper"  # pipx's or a venv's script
    script.parent.mkdir()
    script.touch()
    assert autostart.program_command(frozen=False, argv0=str(script)) == [str(script)]
    assert autostart.program_command(frozen=False, argv0="-c")[1:] == ["-m", "sendocki_helper"]


class RecordingSocket:
    def __init__(self):
        self.options: list[tuple[int, int, int]] = []

    def setsockopt(self, level, name, value):
        self.options.append((level, name, value))


def test_on_windows_the_port_is_claimed_for_exclusive_use(monkeypatch):
    # On Windows SO_REUSEADDR lets a second program listen on the same port (a relay could take
    # the token); exclusive use forbids it. The constant exists only on Windows.
    monkeypatch.setattr(socket, "SO_EXCLUSIVEADDRUSE", -5, raising=False)
    windows, linux = RecordingSocket(), RecordingSocket()
    serve.claim_port_alone(windows, platform="win32")  # type: ignore[arg-type]
    serve.claim_port_alone(linux, platform="linux")  # type: ignore[arg-type]
    assert windows.options == [(socket.SOL_SOCKET, -5, 1)]
    assert linux.options == [(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)]


def test_a_second_listener_cannot_share_the_helpers_port(monkeypatch):
    # Who holds the port is asked over HTTP (2 s when nobody answers): not what is tested here.
    monkeypatch.setattr(serve, "occupant", lambda port: "taken by another program")
    ours = serve.bind_socket(0)
    try:
        port = ours.getsockname()[1]
        with pytest.raises(serve.PortUnavailable, match=str(port)):
            serve.bind_socket(port)
    finally:
        ours.close()
