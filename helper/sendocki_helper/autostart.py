"""Start at login, the platform's own way (docs/install.md):

- Linux: a systemd *user* unit, `~/.config/systemd/user/sendocki-helper.service`, enabled for
  the login session (`systemctl --user enable --now`).
- macOS: a LaunchAgent, `~/Library/LaunchAgents/com.sendocki.helper.plist`, loaded with
  `launchctl bootstrap gui/UID`.
- Windows: a shortcut in the user's Startup folder that opens the helper minimized (a console
  window in the taskbar: it shows the pairing code, and closing it stops the helper cleanly),
  written by PowerShell through the WScript.Shell COM object, the usual way to make a .lnk.

Nothing here needs administrator rights. Each platform's file is made by a pure function of
its inputs, tested against its expected content on every platform.
"""

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sendocki_helper.config import DEFAULT_PORT

UNIT_NAME = "sendocki-helper.service"
LAUNCH_AGENT_LABEL = "com.sendocki.helper"
SHORTCUT_NAME = "Sendocki helper.lnk"
EXIT_ALREADY_RUNNING = 3  # serve's exit code when another helper holds the data folder

Runner = Callable[[list[str]], subprocess.CompletedProcess]


@dataclass
class Plan:
    """What `autostart on` writes and runs on one platform, and how `off` undoes it."""

    platform: str
    path: Path  # the file that makes it start at login
    content: bytes | None  # None: the file is made by the `enable` commands (Windows)
    enable: list[list[str]] = field(default_factory=list)
    disable: list[list[str]] = field(default_factory=list)
    check: list[str] | None = None  # a command whose success means "running now"


def program_command(frozen: bool | None = None, argv0: str | None = None) -> list[str]:
    """How to start this very program again: the packaged executable, the installed
    `sendocki-helper` script (pipx, venv), else this Python with -m."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    if frozen:
        return [str(Path(sys.executable).resolve())]
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if script.name.startswith("sendocki-helper") and script.exists():
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "sendocki_helper"]


def serve_command(program: list[str], port: int | None, data_dir: Path | None) -> list[str]:
    command = [*program, "serve"]
    if port is not None and port != DEFAULT_PORT:
        command += ["--port", str(port)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


# --- Linux --------------------------------------------------------------------------------------


def systemd_unit(command: list[str]) -> str:
    return f"""# Starts the Sendocki helper at login (written by `sendocki-helper autostart on`;
# `sendocki-helper autostart off` removes it).
[Unit]
Description=Sendocki helper: orders from WhatsApp Web

[Service]
Type=exec
ExecStart={_systemd_quote(command)}
# SIGTERM is the helper's clean stop (requests finish, database closed, lock released).
KillSignal=SIGTERM
TimeoutStopSec=15
Restart=on-failure
RestartSec=2
# Exit {EXIT_ALREADY_RUNNING}: another helper already serves this data folder; restarting would
# not change that.
RestartPreventExitStatus={EXIT_ALREADY_RUNNING}
# The data folder holds token digests and customer data: private to the seller.
UMask=0077
NoNewPrivileges=yes

[Install]
WantedBy=default.target
"""


def _systemd_quote(command: list[str]) -> str:
    # systemd splits ExecStart like a shell (double quotes, backslash escapes) and expands
    # specifiers: a literal % is written %%.
    quoted = []
    for word in command:
        word = word.replace("%", "%%")
        if any(ch in word for ch in " \t\"\\'$;"):
            word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
        quoted.append(word)
    return " ".join(quoted)


def linux_plan(command: list[str], environ=os.environ) -> Plan:
    config_home = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return Plan(
        platform="linux",
        path=config_home / "systemd" / "user" / UNIT_NAME,
        content=systemd_unit(command).encode(),
        enable=[
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", "--now", UNIT_NAME],
        ],
        disable=[["systemctl", "--user", "disable", "--now", UNIT_NAME]],
        check=["systemctl", "--user", "is-active", "--quiet", UNIT_NAME],
    )


# --- macOS --------------------------------------------------------------------------------------


def launch_agent(command: list[str], log_dir: Path) -> bytes:
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": command,
            "RunAtLoad": True,
            # Restarted after a crash; not after any exit (a clean stop, or exit 3 "already
            # running", which would only repeat).
            "KeepAlive": {"Crashed": True},
            "ProcessType": "Interactive",
            "StandardOutPath": str(log_dir / "launchd.out.log"),
            "StandardErrorPath": str(log_dir / "launchd.err.log"),
        }
    )


def macos_plan(command: list[str], log_dir: Path, uid: int, home: Path | None = None) -> Plan:
    home = home or Path.home()
    path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    domain = f"gui/{uid}"
    return Plan(
        platform="darwin",
        path=path,
        content=launch_agent(command, log_dir),
        enable=[["launchctl", "bootstrap", domain, str(path)]],
        disable=[["launchctl", "bootout", f"{domain}/{LAUNCH_AGENT_LABEL}"]],
        check=["launchctl", "print", f"{domain}/{LAUNCH_AGENT_LABEL}"],
    )


# --- Windows ------------------------------------------------------------------------------------


def startup_folder(environ=os.environ) -> Path:
    appdata = environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"


def shortcut_script(command: list[str], shortcut: Path, working_dir: Path) -> str:
    """PowerShell that writes the Startup shortcut: the program, its arguments, minimized (7)."""

    def literal(text: str) -> str:  # a PowerShell single-quoted string: ' is written ''
        return "'" + text.replace("'", "''") + "'"

    arguments = subprocess.list2cmdline(command[1:])
    return "; ".join(
        [
            f"$s = (New-Object -ComObject WScript.Shell).CreateShortcut({literal(str(shortcut))})",
            f"$s.TargetPath = {literal(command[0])}",
            f"$s.Arguments = {literal(arguments)}",
            f"$s.WorkingDirectory = {literal(str(working_dir))}",
            "$s.WindowStyle = 7",
            f"$s.Description = {literal('Sendocki helper: orders from WhatsApp Web')}",
            "$s.Save()",
        ]
    )


def windows_plan(command: list[str], working_dir: Path, environ=os.environ) -> Plan:
    path = startup_folder(environ) / SHORTCUT_NAME
    powershell = ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command"]
    return Plan(
        platform="win32",
        path=path,
        content=None,
        enable=[[*powershell, shortcut_script(command, path, working_dir)]],
        disable=[],
        check=None,
    )


# --- the command --------------------------------------------------------------------------------


def plan_for(
    platform: str, command: list[str], data_dir: Path, environ=os.environ, uid: int | None = None
) -> Plan:
    if platform == "win32":
        return windows_plan(command, data_dir, environ)
    if platform == "darwin":
        return macos_plan(command, data_dir / "logs", uid if uid is not None else _uid())
    if platform.startswith("linux"):
        return linux_plan(command, environ)
    raise AutostartError(f"start at login is not supported on {platform}")


class AutostartError(RuntimeError):
    pass


def _uid() -> int:
    getuid = getattr(os, "getuid", None)  # POSIX only
    return getuid() if getuid else 0


def _run(command: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise AutostartError(f"{command[0]} is not available on this computer") from None


def turn_on(plan: Plan, runner: Runner = _run) -> None:
    if plan.content is not None:
        plan.path.parent.mkdir(parents=True, exist_ok=True)
        if plan.platform == "darwin" and plan.path.exists():
            runner(plan.disable[0])  # bootstrap refuses an agent that is already loaded
        plan.path.write_bytes(plan.content)
    for command in plan.enable:
        _must(runner(command), command)


def turn_off(plan: Plan, runner: Runner = _run) -> bool:
    """Returns False when start at login was not on."""
    if not plan.path.exists():
        return False
    for command in plan.disable:
        runner(command)  # may fail when already stopped; the file is removed anyway
    plan.path.unlink()
    if plan.platform == "linux":
        runner(["systemctl", "--user", "daemon-reload"])
    return True


def state(plan: Plan, runner: Runner = _run) -> tuple[bool, bool | None]:
    """(on at login, running now); running is None where the platform cannot say."""
    on = plan.path.exists()
    if not on or plan.check is None:
        return on, None
    return on, runner(plan.check).returncode == 0


def _must(result: subprocess.CompletedProcess, command: list[str]) -> None:
    if result.returncode != 0:
        why = (result.stderr or result.stdout or "").strip().splitlines()
        raise AutostartError(
            f"`{shlex.join(command[:4])}` failed"
            + (f": {why[-1]}" if why else "")
            + (
                " (systemd's user session is not running here: log in to a desktop session)"
                if command[0] == "systemctl"
                else ""
            )
        )


def run_action(args) -> int:
    from sendocki_helper.cli_workspace import CommandError, data_dir

    folder = data_dir(args)
    explicit = getattr(args, "data_dir", None) or getattr(args, "demo", False)
    command = serve_command(program_command(), args.port, folder if explicit else None)
    if getattr(args, "demo", False) and "--demo" not in command:
        command.append("--demo")
    try:
        plan = plan_for(sys.platform, command, folder)
        if args.action == "on":
            turn_on(plan)
            print(f"The helper now starts at login ({plan.path}).")
            print("It runs: " + subprocess.list2cmdline(command))
            if plan.platform == "win32":
                print("It starts at your next login; to start it now: sendocki-helper serve")
        elif args.action == "off":
            if turn_off(plan):
                print(f"The helper no longer starts at login ({plan.path} removed).")
            else:
                print("Start at login was not on.")
        else:
            on, running = state(plan)
            text = f"on ({plan.path})" if on else "off"
            if running is not None:
                text += ", running now" if running else ", not running now"
            print(f"Start at login: {text}")
    except (AutostartError, OSError) as error:
        raise CommandError(f"start at login: {error}", 1) from None
    return 0
