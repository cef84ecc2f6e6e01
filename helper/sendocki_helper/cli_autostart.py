"""`sendocki-helper autostart on|off|status`: start the helper at login, the platform's way."""


def register(sub, common) -> None:
    command = sub.add_parser(
        "autostart",
        parents=[common],
        help="start the helper at login (systemd on Linux, launchd on macOS, Startup on Windows)",
    )
    command.add_argument("action", choices=["on", "off", "status"])
    command.add_argument("--port", type=int, help="the port it serves on (default: 47615)")
    command.set_defaults(run=cmd_autostart)


def cmd_autostart(args) -> int:
    from sendocki_helper.autostart import run_action

    return run_action(args)
