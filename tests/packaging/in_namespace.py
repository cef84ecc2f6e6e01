"""Small tools for systemd_login.sh inside its network namespace, so the script needs neither
`ip` nor `curl` (a fresh machine may lack both).
  in_namespace.py lo-up          bring the namespace's loopback interface up
  in_namespace.py ping PORT SECS wait for the helper's identity on 127.0.0.1:PORT
"""

import fcntl
import json
import socket
import struct
import sys
import time
import urllib.request

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def lo_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def ping(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/ping", timeout=1) as answer:
                if json.load(answer).get("product") == "sendocki-helper":
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


if __name__ == "__main__":
    if sys.argv[1] == "lo-up":
        lo_up()
    else:
        sys.exit(0 if ping(int(sys.argv[2]), float(sys.argv[3])) else 1)
