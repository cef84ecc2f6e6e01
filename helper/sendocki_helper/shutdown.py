"""Stopping cleanly on Ctrl-C, SIGTERM and a closed console, each platform its own way.

Linux and macOS: the event loop's signal handlers for SIGTERM (systemd, launchd), SIGINT (Ctrl-C)
and SIGHUP (the terminal window was closed).
Windows: its event loop has no add_signal_handler. Ctrl-C and Ctrl-Break arrive as SIGINT and
SIGBREAK through signal.signal; closing the console window, logging off and shutting down arrive
as console control events, which only SetConsoleCtrlHandler sees. Windows kills the process when
that handler returns, so it waits (up to a few seconds) for the clean stop to finish first.
"""

import asyncio
import signal
import sys
import threading
from collections.abc import Callable

# Windows gives a console handler 5 s after a close event before it kills the process.
CONSOLE_CLOSE_GRACE_SECONDS = 4.5


def install_stop_handlers(
    loop: asyncio.AbstractEventLoop,
    stop: Callable[[], None],
    stopped: threading.Event,
    platform: str = sys.platform,
) -> list[str]:
    """Calls stop() in the loop on any stop request; returns the names of what it listens to."""
    if platform == "win32":
        return _install_windows(loop, stop, stopped)
    names = []
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        loop.add_signal_handler(getattr(signal, name), stop)
        names.append(name)
    return names


def _install_windows(
    loop: asyncio.AbstractEventLoop, stop: Callable[[], None], stopped: threading.Event
) -> list[str]:
    def from_signal(signum, frame) -> None:
        loop.call_soon_threadsafe(stop)

    names = []
    for name in ("SIGINT", "SIGBREAK", "SIGTERM"):
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, from_signal)
            names.append(name)

    def on_console_event(event: int) -> bool:
        loop.call_soon_threadsafe(stop)
        stopped.wait(CONSOLE_CLOSE_GRACE_SECONDS)
        return True

    if watch_console_events(on_console_event):
        names.append("console close")
    return names


def watch_console_events(handler: Callable[[int], bool]) -> bool:
    """Close, logoff and shutdown of the console (Windows only); False where there is none."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    close_events = {2, 5, 6}  # CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT

    @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    def console_handler(event: int) -> bool:
        # Ctrl-C and Ctrl-Break go on to Python's own handlers (signal.signal above).
        return handler(event) if event in close_events else False

    # Kept alive for the process's life: Windows calls it from its own thread.
    _KEEP_ALIVE.append(console_handler)
    return bool(ctypes.windll.kernel32.SetConsoleCtrlHandler(console_handler, True))


_KEEP_ALIVE: list = []
