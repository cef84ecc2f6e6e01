#!/usr/bin/env bash
# Installs the bundle as docs/install.md says, in a throw-away home, turns start at login on with
# `sendocki-helper autostart on` under a real `systemd --user` manager: running at once, log out,
# log in (the helper starts by itself), crash (restarted), stop (clean exit), then
# `autostart off` (stopped, unit gone, not started at the next login). Run by test_systemd_unit.py inside private mount, network and
# PID namespaces: nothing here touches the machine's /run, its port 47615 or its processes, and
# everything started here dies with this script.
# Usage: systemd_login.sh <bundle folder> <empty home>
set -euo pipefail
TOOLS=("${PYTHON:-python3}" "$(dirname "$0")/in_namespace.py")
BUNDLE="$1"; export HOME="$2"
PORT=47615  # the unit's default port: free in this private network namespace

# A user manager refuses to run unless the system "was booted with systemd"; fake that marker
# in this mount namespace only.
mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system
"${TOOLS[@]}" lo-up
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR="$HOME/run"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

ping_helper() {  # waits up to $1 seconds for the helper's identity on the default port
    "${TOOLS[@]}" ping "$PORT" "$1" && return 0
    echo "no helper on port $PORT"; systemctl --user status sendocki-helper --no-pager || true; return 1
}
MANAGER=""
login() {
    /usr/lib/systemd/systemd --user >"$HOME/manager.log" 2>&1 &
    MANAGER=$!
    for _ in $(seq 100); do
        state="$(systemctl --user is-system-running 2>/dev/null || true)"
        case "$state" in running|degraded) return 0 ;; esac
        sleep 0.1
    done
    echo "user manager did not start: $state"; cat "$HOME/manager.log"; return 1
}
logout() { systemctl --user exit; wait "$MANAGER" || true; }

# Install, as in docs/install.md.
mkdir -p "$HOME/.local/opt"
cp -a "$BUNDLE" "$HOME/.local/opt/sendocki-helper"
HELPER="$HOME/.local/opt/sendocki-helper/sendocki-helper"
UNIT="$HOME/.config/systemd/user/sendocki-helper.service"

login
"$HELPER" autostart on
grep -qx "ExecStart=$HELPER serve" "$UNIT" && echo "OK unit runs the installed program"
systemd-analyze --user verify "$UNIT"
echo "OK verify"
ping_helper 30 && echo "OK autostart on: running at once"
"$HELPER" autostart status | grep -q "Start at login: on (.*), running now" && echo "OK status on"

logout
grep -q "Stopping" "$HOME/.local/share/sendocki-helper/logs/helper.log" && echo "OK stopped at logout"

login  # enabled for default.target: starts with the session, nobody runs it by hand
ping_helper 30 && echo "OK started at login"

pid="$(systemctl --user show -p MainPID --value sendocki-helper)"
kill -9 "$pid"
sleep 0.5
ping_helper 30
[ "$(systemctl --user show -p MainPID --value sendocki-helper)" != "$pid" ] && echo "OK restarted after a crash"

systemctl --user stop sendocki-helper
result="$(systemctl --user show -p Result --value sendocki-helper)"
status="$(systemctl --user show -p ExecMainStatus --value sendocki-helper)"
[ "$result" = success ] && [ "$status" = 0 ] && echo "OK clean stop"

[ -f "$HOME/.local/share/sendocki-helper/helper.sqlite3" ] && echo "OK data in the per-user folder"

systemctl --user start sendocki-helper
ping_helper 30
"$HELPER" autostart off
[ ! -e "$UNIT" ] && ! "${TOOLS[@]}" ping "$PORT" 1 && echo "OK autostart off: stopped, unit removed"
"$HELPER" autostart status | grep -qx "Start at login: off" && echo "OK status off"
logout
login
! "${TOOLS[@]}" ping "$PORT" 3 && echo "OK not started at the next login"
logout
